using EvoDsl.Data;
using EvoDsl.Generated;
using EvoDsl.Hosting;
using EvoDsl.Tests.Data;
using Spectre.Console;
using Xunit;

namespace EvoDsl.Tests.Hosting;

/// <summary>Bad input at run time: exit code 2 and one line that says what to change, no stack trace.</summary>
public sealed class HostErrorTests
{
    private static (int ExitCode, string Output) Run(params string[] args) => Host.Run(args);

    private static void AssertOneLineError(int exitCode, string output, params string[] expected)
    {
        Assert.Equal(2, exitCode);
        string error = output.Split('\n').Single(line => line.StartsWith("error:", StringComparison.Ordinal));
        foreach (string part in expected)
            Assert.Contains(part, error);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    /// <summary>A data folder in MNIST's layout holding classes 0-2 (enough for the test experiments).</summary>
    private static TempDirectory DataFolder(int trainPerClass = 20, int classes = 3)
    {
        var folder = new TempDirectory();
        LabeledImages train = Nne.SyntheticDigits.Images(trainPerClass, classes, seed: 1);
        LabeledImages test = Nne.SyntheticDigits.Images(5, classes, seed: 2);
        IdxFile.WriteImages(folder.File(ImageDataset.TrainImagesFile), 28, 28, train.Pixels);
        IdxFile.WriteLabels(folder.File(ImageDataset.TrainLabelsFile), train.Labels);
        IdxFile.WriteImages(folder.File(ImageDataset.TestImagesFile), 28, 28, test.Pixels);
        IdxFile.WriteLabels(folder.File(ImageDataset.TestLabelsFile), test.Labels);
        return folder;
    }

    [Fact]
    public void UnknownExperimentSuggestsTheClosestNames()
    {
        (int code, string output) = Run("run", "test-nne-tiyn");
        AssertOneLineError(code, output, "no experiment named 'test-nne-tiyn'", "did you mean 'test-nne-tiny'");
    }

    [Fact]
    public void NegativeGenerationsIsRefusedInOneLine()
    {
        (int code, string output) = Run("run", "test-nne-tiny", "--steps", "-3");
        AssertOneLineError(code, output, "--steps must be a positive whole number, got -3");
        Assert.DoesNotContain("Usage:", output);
    }

    [Fact]
    public void UnknownOptionIsRefusedInOneLine()
    {
        (int code, string output) = Run("run", "test-nne-tiny", "--generation", "3");
        AssertOneLineError(code, output, "--generation");
    }

    [Fact]
    public void MissingDataDirectoryIsNamed()
    {
        string missing = Path.Combine(Path.GetTempPath(), "evodsl-missing-" + Guid.NewGuid().ToString("N"));
        (int code, string output) = Run("run", "test-nne-tiny", "--data", missing);
        AssertOneLineError(code, output, missing, "does not exist");
    }

    [Fact]
    public void TruncatedImageFileIsNamed()
    {
        using TempDirectory data = DataFolder();
        string images = data.File(ImageDataset.TrainImagesFile);
        byte[] bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..^100]);
        (int code, string output) = Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("out"));
        AssertOneLineError(code, output, ImageDataset.TrainImagesFile, "truncated");
    }

    [Fact]
    public void WrongMagicIsNamed()
    {
        using TempDirectory data = DataFolder();
        File.Copy(data.File(ImageDataset.TrainLabelsFile), data.File(ImageDataset.TrainImagesFile), overwrite: true);
        (int code, string output) = Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("out"));
        AssertOneLineError(code, output, ImageDataset.TrainImagesFile, "magic");
    }

    [Fact]
    public void LabelAndImageCountMismatchIsNamed()
    {
        using TempDirectory data = DataFolder();
        IdxFile.WriteLabels(data.File(ImageDataset.TrainLabelsFile), new byte[7]);
        (int code, string output) = Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("out"));
        AssertOneLineError(code, output, ImageDataset.TrainLabelsFile);
    }

    [Fact]
    public void DataWithoutADeclaredClassIsRefused()
    {
        using TempDirectory data = DataFolder(classes: 2); // the experiment declares digits 0-2
        (int code, string output) = Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("out"));
        AssertOneLineError(code, output, "class 2");
    }

    [Fact]
    public void UnwritableOutputIsNamed()
    {
        using TempDirectory data = DataFolder();
        string file = data.File("a-file");
        File.WriteAllText(file, "");
        (int code, string output) = Run("run", "test-nne-tiny", "--data", data.Path, "--out", Path.Combine(file, "out"));
        AssertOneLineError(code, output, "--out", "cannot be created", "pass a writable folder");
    }

    [Fact]
    public void ResumeWithoutACheckpointSaysWhatToDo()
    {
        using TempDirectory data = DataFolder();
        (int code, string output) = Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("out"), "--resume");
        AssertOneLineError(code, output, "no checkpoint", "without --resume");
    }

    [Fact]
    public void ACheckpointFromAnotherSeedIsRefusedNamingTheDifference()
    {
        using TempDirectory data = DataFolder();
        string output = data.File("out");
        Assert.Equal(0, Run("run", "test-nne-tiny", "--data", data.Path, "--out", output, "--generations", "4", "--seed", "5").ExitCode);
        (int code, string text) = Run("run", "test-nne-tiny", "--data", data.Path, "--out", output, "--generations", "8", "--seed", "6", "--resume");
        AssertOneLineError(code, text, "different run", "seed: checkpoint 5, now 6");
    }

    [Fact]
    public void AResumedRunEndsWhereAnUninterruptedOneDoes()
    {
        using TempDirectory data = DataFolder();
        Assert.Equal(0, Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("whole"), "--generations", "12", "--evaluate-every", "4").ExitCode);
        Assert.Equal(0, Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("parts"), "--generations", "5", "--evaluate-every", "4").ExitCode);
        Assert.Equal(0, Run("run", "test-nne-tiny", "--data", data.Path, "--out", data.File("parts"), "--generations", "12", "--evaluate-every", "4", "--resume").ExitCode);
        // (metrics.csv differs by design: the shorter first run evaluated once more, at its end.)
        Assert.Equal(File.ReadAllText(data.File("whole/allele-frequencies.csv")), File.ReadAllText(data.File("parts/allele-frequencies.csv")));
    }
}
