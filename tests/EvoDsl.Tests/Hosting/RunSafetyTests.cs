using System.Globalization;
using EvoDsl.Data;
using EvoDsl.Hosting;
using EvoDsl.Nne;
using EvoDsl.Tests.Data;
using EvoDsl.Tests.Nne;
using Xunit;

namespace EvoDsl.Tests.Hosting;

/// <summary>
/// Nothing lost, nothing wrong in silence: the runner as a careless or hostile user meets it (reruns,
/// damaged checkpoints, replaced data, malformed options), each refused with exit 2 and one line.
/// </summary>
public sealed class RunSafetyTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _data;

    public RunSafetyTests()
    {
        _data = _folder.File("data");
        WriteData(_data, seed: 1);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A data folder in MNIST's layout with classes 0-2, 20 training and 5 test images each.</summary>
    internal static void WriteData(string directory, int seed)
    {
        Directory.CreateDirectory(directory);
        LabeledImages train = SyntheticDigits.Images(20, 3, seed);
        LabeledImages test = SyntheticDigits.Images(5, 3, seed + 1);
        IdxFile.WriteImages(Path.Combine(directory, ImageDataset.TrainImagesFile), 28, 28, train.Pixels);
        IdxFile.WriteLabels(Path.Combine(directory, ImageDataset.TrainLabelsFile), train.Labels);
        IdxFile.WriteImages(Path.Combine(directory, ImageDataset.TestImagesFile), 28, 28, test.Pixels);
        IdxFile.WriteLabels(Path.Combine(directory, ImageDataset.TestLabelsFile), test.Labels);
    }

    private (int ExitCode, string Output) Tiny(string output, params string[] more) =>
        Host.Run(["run", "test-nne-tiny", "--data", _data, "--out", output, .. more]);

    private static string OneError(int exitCode, string output)
    {
        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("   at ", output); // no stack trace
        return output.Split('\n').Single(line => line.StartsWith("error:", StringComparison.Ordinal));
    }

    // ---- 1. a rerun never replaces a run in silence ----

    [Fact]
    public void ARerunIntoAFolderWithResultsIsRefusedAndLeavesThemAlone()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "6").ExitCode);
        byte[] metrics = File.ReadAllBytes(Path.Combine(output, "metrics.csv"));
        byte[] checkpoint = File.ReadAllBytes(Path.Combine(output, Checkpoint.FileName));

        (int code, string text) = Tiny(output, "--generations", "3");

        string error = OneError(code, text);
        Assert.Contains("holds the results of an earlier run", error);
        Assert.Contains("generation 6", error);
        Assert.Contains("--resume", error);
        Assert.Contains("--overwrite", error);
        Assert.Equal(metrics, File.ReadAllBytes(Path.Combine(output, "metrics.csv")));
        Assert.Equal(checkpoint, File.ReadAllBytes(Path.Combine(output, Checkpoint.FileName)));
    }

    [Fact]
    public void OverwriteReplacesTheEarlierRunAndResumeWithOverwriteIsRefused()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "6").ExitCode);

        Assert.Contains("pass one of them", OneError(Tiny(output, "--generations", "3", "--resume", "--overwrite").ExitCode,
            Tiny(output, "--generations", "3", "--resume", "--overwrite").Output));
        Assert.Equal(0, Tiny(output, "--generations", "3", "--overwrite").ExitCode);

        string[] rows = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.StartsWith("3,", rows[^1]);
    }

    // ---- 2. a damaged checkpoint is refused by name ----

    [Theory]
    [InlineData(0.5)]  // the middle: the allele frequencies
    [InlineData(0.98)] // near the end: the last state bytes
    public void AFlippedByteInTheCheckpointIsRefused(double where)
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "4").ExitCode);
        string path = Path.Combine(output, Checkpoint.FileName);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[(int)(bytes.Length * where)] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        string error = OneError(Tiny(output, "--generations", "8", "--resume").ExitCode, Tiny(output, "--generations", "8", "--resume").Output);

        Assert.Contains(path, error);
        Assert.Contains("damaged", error);
        Assert.Contains("checksum", error);
    }

    [Fact]
    public void ATruncatedCheckpointIsRefused()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "4").ExitCode);
        string path = Path.Combine(output, Checkpoint.FileName);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^40]);

        (int code, string text) = Tiny(output, "--generations", "8", "--resume");

        Assert.Contains("damaged", OneError(code, text));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(59162.0)]
    [InlineData(-0.25)]
    public void AlleleFrequenciesOutsideZeroToOneAreRefusedEvenUnderAGoodChecksum(double p)
    {
        var state = new MemoryStream();
        using (var writer = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true))
            AlleleState.Write(writer, 10, 0.5, [0.2, p, 0.9]);
        state.Position = 0;

        var error = Assert.Throws<EvoDslException>(() => AlleleState.Read(new BinaryReader(state), new double[3]));

        Assert.Contains("gene 1", error.Message);
        Assert.Contains("outside [0, 1]", error.Message);
    }

    // ---- 3. malformed options: one line, exit 2, no stack trace ----

    [Theory]
    [InlineData("--generations", "abc", "--generations must be a positive whole number, got 'abc'")]
    [InlineData("--generations", "99999999999", "--generations must be a positive whole number; 99999999999 is out of range")]
    [InlineData("--threads", "abc", "--threads must be a positive whole number, got 'abc'")]
    [InlineData("--evaluate-every", "1.5", "--evaluate-every must be a positive whole number, got '1.5'")]
    [InlineData("--checkpoint-every", "x", "--checkpoint-every must be a positive whole number, got 'x'")]
    [InlineData("--seed", "99999999999", "--seed must be a whole number from -2147483648 to 2147483647; 99999999999 is out of range")]
    [InlineData("--seed", "one", "--seed must be a whole number from -2147483648 to 2147483647, got 'one'")]
    public void AMalformedNumberIsOneLine(string option, string value, string expected)
    {
        (int code, string text) = Host.Run("run", "test-nne-tiny", option, value);
        string error = OneError(code, text);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("Nullable", error);
    }

    [Fact]
    public void ReproduceThreadsMustBeANumber()
    {
        (int code, string text) = Host.Run("reproduce", "fig5", "--threads", "abc");
        Assert.Contains("--threads must be a positive whole number, got 'abc'", OneError(code, text));
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--data")]
    [InlineData("--mnist-cache")]
    public void AnEmptyPathIsNamed(string option)
    {
        (int code, string text) = Host.Run("run", "test-nne-tiny", option, "");
        Assert.Contains($"{option} is empty", OneError(code, text));
    }

    [Theory]
    [InlineData("--pages")]
    [InlineData("--results")]
    public void AReproduceFolderThatIsAFileIsNamed(string option)
    {
        string file = _folder.File("a-file");
        File.WriteAllText(file, "");
        (int code, string text) = Host.Run("reproduce", "fig5", option, file);
        string error = OneError(code, text);
        Assert.Contains($"{option} '{file}' is a file", error);
    }

    // ---- 4. resume checks the data's content, not its path ----

    [Fact]
    public void ResumingOnReplacedDataUnderTheSamePathIsRefused()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "4").ExitCode);
        WriteData(_data, seed: 7); // other images, same folder

        (int code, string text) = Tiny(output, "--generations", "8", "--resume");

        string error = OneError(code, text);
        Assert.Contains("different run", error);
        Assert.Contains("data_sha256", error);
    }

    [Fact]
    public void ResumingOnAMovedCopyOfTheSameDataIsAccepted()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "4").ExitCode);
        string moved = _folder.File("moved");
        Directory.Move(_data, moved);

        (int code, _) = Host.Run("run", "test-nne-tiny", "--data", moved, "--out", output, "--generations", "8", "--resume");

        Assert.Equal(0, code);
    }

    // ---- 5. NNE + SignSGD checks the run it starts from, and says what it took ----

    [Fact]
    public void NneSignSgdSaysWhichGenerationAndAccuracyItStartsFrom()
    {
        string results = _folder.File("results");
        Assert.Equal(0, Host.Run("run", "test-nne-tiny", "--data", _data, "--out", Path.Combine(results, "test-nne-tiny"), "--generations", "2").ExitCode);

        (int code, string text) = Host.Run("run", "test-nne-tiny-signsgd", "--data", _data, "--out", Path.Combine(results, "test-nne-tiny-signsgd"));

        Assert.Equal(0, code);
        string line = text.Split('\n').Single(l => l.StartsWith("starting from the allele frequencies", StringComparison.Ordinal));
        Assert.Contains("'test-nne-tiny' at generation 2", line);
        Assert.Contains("test accuracy at its last evaluation (generation 2)", line);
    }

    [Fact]
    public void NneSignSgdRefusesAnNneRunOnOtherData()
    {
        string results = _folder.File("results");
        string other = _folder.File("other-data");
        WriteData(other, seed: 9);
        Assert.Equal(0, Host.Run("run", "test-nne-tiny", "--data", other, "--out", Path.Combine(results, "test-nne-tiny"), "--generations", "2").ExitCode);

        (int code, string text) = Host.Run("run", "test-nne-tiny-signsgd", "--data", _data, "--out", Path.Combine(results, "test-nne-tiny-signsgd"));

        string error = OneError(code, text);
        Assert.Contains("other settings", error);
        Assert.Contains("data_sha256", error);
        Assert.False(Directory.Exists(Path.Combine(results, "test-nne-tiny-signsgd")), "a failed run leaves no empty folder");
    }

    // ---- 7. an interrupted run evaluates its last step once ----

    [Fact]
    public void InterruptingRightAfterAnEvaluationWritesItOnce()
    {
        string output = _folder.File("run");
        using var cancellation = new CancellationTokenSource();
        ExperimentDescriptor tiny = EvoDslHost.Find(Generated.ExperimentCatalog.All, "test-nne-tiny");
        ExperimentDescriptor stopsAtFour = tiny with { Create = context => new CancelAt(tiny.Create(context), 4, cancellation) };
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) });

        var result = new ExperimentRunner(console).Run(stopsAtFour,
            new RunOptions(Steps: 10, EvaluateEvery: 2, DataDirectory: _data, OutputDirectory: output), cancellation.Token);

        Assert.True(result.Interrupted);
        Assert.Equal(4, result.Completed);
        string[] steps = File.ReadAllLines(Path.Combine(output, "metrics.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal(["0", "2", "4"], steps);
    }

    /// <summary>A trainer that requests cancellation once it has completed <paramref name="at"/> steps, as Ctrl+C would.</summary>
    private sealed class CancelAt(ITrainer inner, int at, CancellationTokenSource cancellation) : DelegatingTrainer, ITrainer
    {
        protected override ITrainer Inner => inner;

        public new void Step()
        {
            inner.Step();
            if (inner.Completed == at)
                cancellation.Cancel();
        }
    }

    // ---- 9-11. threads, resume past the end, seconds after a resume ----

    [Fact]
    public void MoreThreadsThanCoresAreCappedWithAWarning()
    {
        (int code, string text) = Tiny(_folder.File("run"), "--threads", "1000");

        Assert.Equal(0, code);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"warning: --threads 1000 is more than this machine's {Environment.ProcessorCount} cores; using {Environment.ProcessorCount}"), text);
        Assert.Contains($"\"threads\": {Environment.ProcessorCount}", File.ReadAllText(_folder.File("run/summary.json")));
    }

    [Fact]
    public void ResumingWithFewerStepsThanTheCheckpointIsRefusedAndLeavesTheSummary()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "6").ExitCode);
        string summary = File.ReadAllText(Path.Combine(output, "summary.json"));

        (int code, string text) = Tiny(output, "--generations", "3", "--resume");

        string error = OneError(code, text);
        Assert.Contains("at generation 6, past the 3 asked for", error);
        Assert.Equal(summary, File.ReadAllText(Path.Combine(output, "summary.json")));
    }

    [Fact]
    public void TrainingSecondsCarryOverFromTheCheckpointNotTheLastEvaluation()
    {
        string output = _folder.File("run");
        string path = Path.Combine(output, Checkpoint.FileName);
        Assert.Equal(0, Tiny(output, "--generations", "7", "--evaluate-every", "5", "--checkpoint-every", "1").ExitCode);
        double atCheckpoint = Checkpoint.Read(path, _ => null, (header, _) => header.TrainingSeconds);
        double atEvaluation = double.Parse(File.ReadAllLines(Path.Combine(output, "metrics.csv"))[2].Split(',')[^1], CultureInfo.InvariantCulture);
        Assert.True(atCheckpoint > atEvaluation, $"the checkpoint at generation 7 records {atCheckpoint} s, the evaluation at 5 {atEvaluation} s");

        Assert.Equal(0, Tiny(output, "--generations", "10", "--evaluate-every", "5", "--resume").ExitCode);

        double at10 = double.Parse(File.ReadAllLines(Path.Combine(output, "metrics.csv"))[^1].Split(',')[^1], CultureInfo.InvariantCulture);
        Assert.True(at10 >= Math.Round(atCheckpoint, 3), $"generation 10 at {at10} s, but 7 generations had taken {atCheckpoint} s");
    }

    // ---- 12. a run writes its metrics as a picture ----

    [Fact]
    public void ARunWritesMetricsPng()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "6", "--evaluate-every", "2").ExitCode);

        byte[] png = File.ReadAllBytes(Path.Combine(output, "metrics.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }
}

/// <summary>Fig. 2 needs the allele curve at earlier generations than a run may already have reached: the run records it at every evaluation.</summary>
public sealed class AlleleHistoryTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheCurveOfEveryEvaluationSurvivesAResumeAsIfUninterrupted()
    {
        string data = _folder.File("data");
        RunSafetyTests.WriteData(data, seed: 1);
        (int, string) Run(string output, params string[] more) =>
            Host.Run(["run", "test-nne-tiny", "--data", data, "--out", _folder.File(output), "--evaluate-every", "2", .. more]);

        Assert.Equal(0, Run("whole", "--generations", "10").Item1);
        Assert.Equal(0, Run("parts", "--generations", "5").Item1);
        Assert.Equal(0, Run("parts", "--generations", "10", "--resume").Item1);

        string whole = File.ReadAllText(_folder.File("whole/" + Metrics.AlleleConvergence.HistoryFile));
        var rows = whole.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(6 * Metrics.AlleleConvergence.CurvePoints, rows.Length);
        Assert.Equal(["0", "2", "4", "6", "8", "10"], rows.Select(r => r[0]).Distinct());
        // The first part ended with an evaluation at its last generation, 5, as its metrics.csv does; the rest is the same.
        string[] parts = File.ReadAllLines(_folder.File("parts/" + Metrics.AlleleConvergence.HistoryFile));
        Assert.Equal(Metrics.AlleleConvergence.CurvePoints, parts.Count(l => l.StartsWith("5,", StringComparison.Ordinal)));
        Assert.Equal(whole, string.Join('\n', parts.Where(l => !l.StartsWith("5,", StringComparison.Ordinal))) + "\n");
    }
}

/// <summary>A collapsed model is never reported as an ordinary result: the run warns and summary.json records it.</summary>
public sealed class CollapseWarningTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheReadmeNewcomersRandomNeurashedWarnsOnceThatItCollapsed()
    {
        (int code, string text) = Host.Run("run", "test-neurashed-tiny-random", "--out", _folder.Path);

        Assert.Equal(0, code);
        string[] warnings = text.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal)).ToArray();
        string warning = Assert.Single(warnings); // once, though it stays collapsed at every later evaluation
        Assert.Contains("collapsed onto one class", warning);
        Assert.Contains("AmplificationUpdate.Additive", warning);
        string summary = File.ReadAllText(_folder.File("summary.json"));
        Assert.Contains("collapsed onto one class", summary);
    }

    [Fact]
    public void TheAdditiveRuleOnTheSameGraphDoesNotWarn()
    {
        (int code, string text) = Host.Run("run", "test-neurashed-tiny-random-additive", "--out", _folder.Path);

        Assert.Equal(0, code);
        Assert.DoesNotContain("warning:", text);
        Assert.Contains("\"warnings\": []", File.ReadAllText(_folder.File("summary.json")));
    }
}
