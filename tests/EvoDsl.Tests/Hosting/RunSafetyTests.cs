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
        Assert.Contains("holds an earlier run that finished at generation 6", error);
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

        (int both, string bothText) = Tiny(output, "--generations", "3", "--resume", "--overwrite");
        Assert.Contains("pass one of them", OneError(both, bothText));
        Assert.Equal(0, Tiny(output, "--generations", "3", "--overwrite").ExitCode);

        string[] rows = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.StartsWith("3,", rows[^1]);
    }

    // ---- 2. a damaged checkpoint is refused by name ----

    /// <summary>The checkpoint's layout: magic, version, payload length, payload, then its SHA-256.</summary>
    private static (int PayloadStart, int PayloadEnd) PayloadOf(byte[] checkpoint)
    {
        using var reader = new BinaryReader(new MemoryStream(checkpoint));
        reader.ReadString();
        reader.ReadInt32();
        long length = reader.ReadInt64();
        int start = (int)reader.BaseStream.Position;
        Assert.Equal(checkpoint.Length, start + length + 32);
        return (start, start + (int)length);
    }

    [Theory]
    [InlineData("payload middle")] // the allele frequencies
    [InlineData("payload end")]    // the last byte of the trainer's state
    [InlineData("checksum")]       // the seal itself
    public void AFlippedByteInTheCheckpointIsRefused(string where)
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "4").ExitCode);
        string path = Path.Combine(output, Checkpoint.FileName);
        byte[] bytes = File.ReadAllBytes(path);
        (int start, int end) = PayloadOf(bytes);
        int at = where switch { "payload middle" => (start + end) / 2, "payload end" => end - 1, _ => end + 5 };
        bytes[at] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        (int code, string text) = Tiny(output, "--generations", "8", "--resume");

        string error = OneError(code, text);
        Assert.Contains(path, error);
        Assert.Contains("damaged", error);
        Assert.Contains("checksum", error);
        Assert.Contains("--overwrite", error);
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

        var error = Assert.Throws<UnreadableCheckpointException>(() => AlleleState.Read(new BinaryReader(state), new double[3]));

        Assert.Contains("gene 1", error.Message);
        Assert.Contains("outside [0, 1]", error.Message);
    }

    // ---- 3. malformed options: one line, exit 2, no stack trace ----

    [Theory]
    [InlineData("--generations", "abc", "--generations must be a positive whole number, got 'abc'")]
    [InlineData("--generations", "99999999999", "--generations must be a positive whole number, got 99999999999")]
    [InlineData("--generations", "0", "--generations must be a positive whole number, got 0")]
    [InlineData("--threads", "abc", "--threads must be a positive whole number, got 'abc'")]
    [InlineData("--evaluate-every", "1.5", "--evaluate-every must be a positive whole number, got '1.5'")]
    [InlineData("--checkpoint-every", "x", "--checkpoint-every must be a positive whole number, got 'x'")]
    [InlineData("--seed", "99999999999", "--seed must be a whole number from -2147483648 to 2147483647, got 99999999999")]
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
        string[] args = option == "--out" ? ["run", "test-nne-tiny", option, ""] : ["run", "test-nne-tiny", "--out", _folder.File("run"), option, ""];
        (int code, string text) = Host.Run(args);
        Assert.Contains($"{option} is empty", OneError(code, text));
        Assert.False(Directory.Exists(_folder.File("run")), "nothing is created before the paths are checked");
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
        string line = text.Split('\n').Single(l => l.StartsWith("starting from the results of 'test-nne-tiny'", StringComparison.Ordinal));
        Assert.Contains("its last evaluation, at generation 2, had test accuracy ", line);
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
        Assert.Contains("test-nne-tiny", error);
        Assert.False(Directory.Exists(Path.Combine(results, "test-nne-tiny-signsgd")), "a failed run leaves no empty folder");
    }

    [Fact]
    public void NneSignSgdRefusesToResumeOnANetworkItsNneRunHasMovedOnFrom()
    {
        string results = _folder.File("results");
        string nne = Path.Combine(results, "test-nne-tiny"), signSgd = Path.Combine(results, "test-nne-tiny-signsgd");
        Assert.Equal(0, Host.Run("run", "test-nne-tiny", "--data", _data, "--out", nne, "--generations", "1").ExitCode);
        Assert.Equal(0, Host.Run("run", "test-nne-tiny-signsgd", "--data", _data, "--out", signSgd, "--epochs", "1").ExitCode);
        Assert.Equal(0, Host.Run("run", "test-nne-tiny", "--data", _data, "--out", nne, "--generations", "30", "--resume").ExitCode);

        (int code, string text) = Host.Run("run", "test-nne-tiny-signsgd", "--data", _data, "--out", signSgd, "--epochs", "2", "--resume");

        Assert.Contains("the NNE run went on since", OneError(code, text));
    }

    // ---- 7. an interrupted run evaluates its last step once ----

    [Fact]
    public void InterruptingRightAfterAnEvaluationWritesItOnce()
    {
        string output = _folder.File("run");
        using var cancellation = new CancellationTokenSource();
        ExperimentDescriptor tiny = EvoDslHost.Find(Generated.ExperimentCatalog.All, "test-nne-tiny");
        ExperimentDescriptor stopsAtFour = tiny with { Create = context => new CancelAt(tiny.Create(context), 4, cancellation) };
        var result = new ExperimentRunner(QuietConsole()).Run(stopsAtFour,
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
        // Reseal the checkpoint at generation 7 as if its 7 generations had taken 1000 s; the last evaluation (5) says otherwise.
        (Checkpoint.Header header, byte[] state) = Checkpoint.Read(path, _ => null,
            (header, reader) => (header, reader.ReadBytes((int)(reader.BaseStream.Length - reader.BaseStream.Position))));
        Checkpoint.Write(output, header with { TrainingSeconds = 1000 }, new RawState(state));

        Assert.Equal(0, Tiny(output, "--generations", "10", "--evaluate-every", "5", "--resume").ExitCode);

        double at10 = double.Parse(File.ReadAllLines(Path.Combine(output, "metrics.csv"))[^1].Split(',')[^1], CultureInfo.InvariantCulture);
        Assert.InRange(at10, 1000, 1100);
        Assert.Contains("\"training_seconds\": 10", File.ReadAllText(Path.Combine(output, "summary.json")));
    }

    /// <summary>A trainer that is nothing but a saved state, to write a checkpoint by hand.</summary>
    private sealed class RawState(byte[] state) : ITrainer
    {
        public int Completed => 0;
        public long UnitsPerStep => 0;
        public double LastStepScore => 0;
        public void Step() => throw new NotSupportedException();
        public IReadOnlyList<Metric> Evaluate() => throw new NotSupportedException();
        public void WriteArtifacts(string directory) => throw new NotSupportedException();
        public void WriteState(BinaryWriter writer) => writer.Write(state);
        public void ReadState(BinaryReader reader) => throw new NotSupportedException();
        public void Dispose() { }
    }

    [Fact]
    public void ResumingAFinishedRunAtItsLastStepKeepsItsResults()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "6").ExitCode);
        string metrics = File.ReadAllText(Path.Combine(output, "metrics.csv"));
        string before = File.ReadAllText(Path.Combine(output, "summary.json"));

        (int code, string text) = Tiny(output, "--generations", "6", "--resume");

        Assert.Equal(0, code);
        Assert.Contains("already at generation 6: nothing to train", text);
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(output, "metrics.csv")));
        string after = File.ReadAllText(Path.Combine(output, "summary.json"));
        Assert.Equal(Line(before, "\"training_seconds\""), Line(after, "\"training_seconds\""));
        Assert.Equal(Line(before, "\"test_accuracy\""), Line(after, "\"test_accuracy\""));
        Assert.Contains("\"genotype_samples_per_second\": null", after);
    }

    private static string Line(string text, string key) => text.Split('\n').Single(l => l.TrimStart().StartsWith(key, StringComparison.Ordinal));

    [Fact]
    public void AResumeInterruptedBeforeItsFirstStepWritesNothingTwice()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "4", "--evaluate-every", "2").ExitCode);
        byte[] checkpoint = File.ReadAllBytes(Path.Combine(output, Checkpoint.FileName));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel(); // Ctrl+C during the resume's setup

        ExperimentDescriptor tiny = EvoDslHost.Find(Generated.ExperimentCatalog.All, "test-nne-tiny");
        Assert.Throws<OperationCanceledException>(() => new ExperimentRunner(QuietConsole()).Run(tiny,
            new RunOptions(Steps: 8, EvaluateEvery: 2, DataDirectory: _data, OutputDirectory: output, Resume: true), cancelled.Token));

        string[] steps = File.ReadAllLines(Path.Combine(output, "metrics.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal(["0", "2", "4"], steps);
        Assert.Equal(checkpoint, File.ReadAllBytes(Path.Combine(output, Checkpoint.FileName)));
    }

    [Fact]
    public void OverwriteKeepsTheEarlierRunUntilTheNewOneIsSetUp()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "6").ExitCode);
        string[] before = Directory.GetFiles(output).Order().ToArray();

        (int code, string text) = Host.Run("run", "test-nne-tiny", "--data", _folder.File("missing"), "--out", output, "--overwrite");

        Assert.Contains("does not exist", OneError(code, text));
        Assert.Equal(before, Directory.GetFiles(output).Order().ToArray());
    }

    [Fact]
    public void OverwriteReplacesEveryFileOfTheEarlierRunButNoSubfolder()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "6").ExitCode);
        File.WriteAllText(Path.Combine(output, "alleles-100.csv"), "an artifact this run does not write\n");
        Directory.CreateDirectory(Path.Combine(output, "seed-2"));

        Assert.Equal(0, Tiny(output, "--generations", "2", "--overwrite").ExitCode);

        Assert.False(File.Exists(Path.Combine(output, "alleles-100.csv")));
        Assert.True(Directory.Exists(Path.Combine(output, "seed-2")));
        Assert.StartsWith("2,", File.ReadAllLines(Path.Combine(output, "metrics.csv"))[^1]);
    }

    [Fact]
    public void AFolderWithResultsButNoCheckpointIsNotSentToResume()
    {
        string output = _folder.File("run");
        Assert.Equal(0, Tiny(output, "--generations", "2").ExitCode);
        File.Delete(Path.Combine(output, Checkpoint.FileName));

        (int code, string text) = Tiny(output, "--generations", "4");

        string error = OneError(code, text);
        Assert.Contains("no checkpoint to resume", error);
        Assert.Contains("--overwrite", error);
    }

    [Fact]
    public void TheResumeHintRepeatsTheRunsOptions()
    {
        string command = EvoDslHost.ResumeCommand("test-nne-tiny",
            new RunOptions(Steps: 500, Seed: 3, DataDirectory: "/data/my set", OutputDirectory: "out"), "/abs/out");

        Assert.Equal("run test-nne-tiny --resume --steps 500 --seed 3 --data '/data/my set' --out /abs/out", command);
    }

    private static Spectre.Console.IAnsiConsole QuietConsole() =>
        Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(new StringWriter()) });

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
    public void TheImagesFormIsPartOfTheFingerprintOnlyWhenNotTheOriginal()
    {
        var settings = new EvoDsl.Nne.NneSettings(Hidden: 4, EdgeProbability: 0.1, Genes: 8, Population: 2, GeneDensity: 0.1, Selection: 1, WeightGain: 1, FitnessHook: null);
        string Of(MnistImages images) => Checkpoint.Fingerprint(settings, new DataSettings("0-9", 10, images), seed: 1, dataSha256: "abc").ToJsonString();

        Assert.DoesNotContain("images", Of(MnistImages.Original)); // checkpoints written before stay resumable
        Assert.Contains("\"images\":\"Deskewed16\"", Of(MnistImages.Deskewed16));
        Assert.NotEqual(Of(MnistImages.Original), Of(MnistImages.Deskewed16));
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
