using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoDsl.Data;
using EvoDsl.Kernels;
using Spectre.Console;

namespace EvoDsl.Hosting;

/// <summary>
/// Runs one declared experiment: resolves its data, builds the generated trainer, steps it with a
/// live progress display, evaluates periodically, and writes <c>metrics.csv</c> and
/// <c>summary.json</c> under the output directory (atomically, after every evaluation).
/// </summary>
public sealed class ExperimentRunner(IAnsiConsole console)
{
    /// <summary>The column of metrics.csv with the training seconds so far (steps only, not evaluations).</summary>
    public const string SecondsColumn = "seconds";

    /// <summary>The outcome of a run, as also written to summary.json.</summary>
    public sealed record Result(string OutputDirectory, int Completed, IReadOnlyList<Metric> Final, double UnitsPerSecond, bool Interrupted);

    public Result Run(ExperimentDescriptor experiment, RunOptions options, CancellationToken cancellation = default)
    {
        string output = OutputDirectory(experiment, options);
        bool created = !Directory.Exists(output);
        try
        {
            return Run(experiment, options, output, cancellation);
        }
        catch when (created)
        {
            // A run that failed before writing anything leaves no empty folder behind.
            if (Directory.Exists(output) && !Directory.EnumerateFileSystemEntries(output).Any())
                Directory.Delete(output);
            throw;
        }
    }

    /// <summary>--out, or results/NAME; an empty or malformed path is refused by name.</summary>
    private static string OutputDirectory(ExperimentDescriptor experiment, RunOptions options) =>
        options.OutputDirectory is { } given
            ? HostPaths.Directory(given, "--out")
            : Path.GetFullPath(Path.Combine("results", experiment.Name));

    private Result Run(ExperimentDescriptor experiment, RunOptions options, string output, CancellationToken cancellation)
    {
        int steps = options.Steps ?? experiment.Run.Steps;
        RunSettings run = experiment.Run;
        int evaluateEvery = options.EvaluateEvery ?? experiment.Run.EvaluateEvery;
        int seed = options.Seed ?? experiment.Run.Seed;
        int threads = Threads(options.Threads);
        int checkpointEvery = options.CheckpointEvery ?? evaluateEvery;
        PrepareOutput(output, experiment, options);

        var warnings = new List<string>();
        RunContext context = LoadData(experiment, options, (ulong)seed, threads, Path.GetDirectoryName(output)!) with
        {
            Log = Say,
            Warn = warning =>
            {
                warnings.Add(warning);
                console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(warning));
            },
        };
        var fingerprint = Checkpoint.Fingerprint(experiment, seed, context.DataSha256);
        string inputs = experiment.Data is { } declared
            ? string.Create(CultureInfo.InvariantCulture, $"{context.Train.Count} training / {context.Test.Count} test examples, digits {declared.Digits}")
            : "declared inputs";
        Say(string.Create(CultureInfo.InvariantCulture, $"{experiment.Name}: {inputs}, seed {seed}, {threads} thread(s)"));

        var wall = Stopwatch.StartNew();
        using ITrainer trainer = experiment.Create(context);
        double setupSeconds = wall.Elapsed.TotalSeconds;
        if (cancellation.IsCancellationRequested && !options.Resume)
            throw new OperationCanceledException($"interrupted during setup, before the first {run.StepNoun}; nothing was written");
        var progress = new ProgressDisplay(console, run);
        var stepping = new Stopwatch();
        double trainedBefore = 0;
        MetricsTable metrics;
        IReadOnlyList<Metric>? last = null;
        int evaluatedAt = -1;
        if (options.Resume)
        {
            Checkpoint.Header header = Checkpoint.Resume(output, fingerprint, trainer);
            metrics = MetricsTable.FromCsv(header.Metrics);
            trainedBefore = header.TrainingSeconds;
            if (trainer.Completed > steps)
                throw new EvoDslException(string.Create(CultureInfo.InvariantCulture,
                    $"the checkpoint in '{output}' is at {run.StepNoun} {trainer.Completed}, past the {steps} asked for: nothing to run, and its results are left as they are; pass a --steps above {trainer.Completed} to continue it"));
            Say(trainer.Completed == steps
                ? $"the checkpoint in {output} is already at {run.StepNoun} {steps}: nothing to train; writing its results"
                : $"resumed from {Path.Combine(output, Checkpoint.FileName)} at {run.StepNoun} {trainer.Completed}");
        }
        else
        {
            metrics = new MetricsTable();
            last = Evaluate(trainer, metrics, progress, output, trainedBefore);
            evaluatedAt = trainer.Completed;
        }
        int resumedAt = trainer.Completed;
        bool interrupted = false;
        Checkpoint.Header CheckpointHeader() => new(fingerprint, metrics.ToCsv(), trainedBefore + stepping.Elapsed.TotalSeconds);

        while (trainer.Completed < steps)
        {
            if (cancellation.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
            stepping.Start();
            trainer.Step();
            stepping.Stop();
            int done = trainer.Completed;
            double secondsPerStep = stepping.Elapsed.TotalSeconds / (done - resumedAt);
            progress.Stepped(done, steps, trainer.LastStepScore, trainer.UnitsPerStep / secondsPerStep,
                TimeSpan.FromSeconds(secondsPerStep * (steps - done)));
            if (done % evaluateEvery == 0 || done == steps)
            {
                last = Evaluate(trainer, metrics, progress, output, trainedBefore + stepping.Elapsed.TotalSeconds);
                evaluatedAt = done;
            }
            if (done % checkpointEvery == 0 || done == steps)
                Checkpoint.Write(output, CheckpointHeader(), trainer);
        }
        if (interrupted)
        {
            // Checkpoint first, so a resumed run's metrics match an uninterrupted one's row for row;
            // then, unless this step was just evaluated, one more evaluation for this run's own results.
            Checkpoint.Write(output, CheckpointHeader(), trainer);
            if (evaluatedAt != trainer.Completed)
                last = Evaluate(trainer, metrics, progress, output, trainedBefore + stepping.Elapsed.TotalSeconds);
        }
        last ??= trainer.Evaluate();
        progress.Finish();

        int stepped = trainer.Completed - resumedAt;
        double rate = stepped == 0 ? 0 : trainer.UnitsPerStep * stepped / stepping.Elapsed.TotalSeconds;
        trainer.WriteArtifacts(output);
        MetricsPlot.Write(output, experiment, metrics);
        WriteSummary(output, experiment, context, seed, steps, trainer.Completed, last, rate,
            setupSeconds, wall.Elapsed.TotalSeconds, interrupted, warnings);
        return new Result(output, trainer.Completed, last, rate, interrupted);
    }

    private void Say(string line) => console.MarkupLine(Markup.Escape(line));

    /// <summary>--threads, or all cores; more threads than cores only slow a run down (results are the same), so they are capped with a warning.</summary>
    private int Threads(int? requested)
    {
        int cores = Environment.ProcessorCount;
        if (requested is not { } threads)
            return cores;
        if (threads <= cores)
            return threads;
        console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"--threads {threads} is more than this machine's {cores} cores; using {cores} (results do not depend on the thread count)")));
        return cores;
    }

    /// <summary>The run's data: <c>--data DIR</c> if given, else MNIST from the verified cache (fetched on first use).</summary>
    public RunContext LoadData(ExperimentDescriptor experiment, RunOptions options, ulong seed, int threads, string resultsDirectory)
    {
        if (experiment.Data is not { } declared)
        {
            if (options.DataDirectory is not null)
                throw new EvoDslException($"--data does not apply to '{experiment.Name}', which trains on the inputs its declaration lists; remove --data");
            return new RunContext(ClassSubset.None, ClassSubset.None, seed, threads, resultsDirectory);
        }
        string directory;
        string sourceName;
        if (options.DataDirectory is { } data)
        {
            directory = HostPaths.Directory(data, "--data");
            sourceName = directory;
        }
        else
        {
            string? cache = options.MnistCache is { } given ? HostPaths.Directory(given, "--mnist-cache") : null;
            directory = Mnist.EnsureAvailable(cache, line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            sourceName = "MNIST";
        }
        (LabeledImages train, LabeledImages test) = ImageDataset.Load(directory);
        return RunContext.From(declared, train, test, seed, threads, sourceName, resultsDirectory, ImageDataset.Sha256(directory));
    }

    /// <summary>
    /// Evaluates and appends the row, with the runner's own column <see cref="SecondsColumn"/>: the training
    /// time so far, counted across resumed segments, so accuracy can be read against time.
    /// </summary>
    private IReadOnlyList<Metric> Evaluate(ITrainer trainer, MetricsTable metrics, ProgressDisplay progress, string output, double trainedSeconds)
    {
        IReadOnlyList<Metric> row = [.. trainer.Evaluate(), new Metric(SecondsColumn, Math.Round(trainedSeconds, 3))];
        metrics.Add(row);
        AtomicFile.WriteAllText(Path.Combine(output, "metrics.csv"), metrics.ToCsv());
        progress.Evaluated(trainer.Completed, row);
        // Steps allocate nothing, so without this the first collection could come thousands of
        // steps in, after the results writing's garbage has touched megabytes of fresh pages.
        GC.Collect(0);
        return row;
    }

    /// <summary>
    /// Makes sure the output folder is writable and holds no earlier run that this one would replace in
    /// silence: without --resume, a folder with results is refused unless --overwrite says to replace them.
    /// </summary>
    private static void PrepareOutput(string output, ExperimentDescriptor experiment, RunOptions options)
    {
        if (File.Exists(output))
            throw new EvoDslException($"the output folder '{output}' is a file; pass --out with a folder");
        try
        {
            Directory.CreateDirectory(output);
            string probe = Path.Combine(output, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvoDslException($"cannot write to the output directory '{output}' ({e.Message}); pass --out with a writable folder", e);
        }
        if (options.Resume)
            return;
        string[] earlier = RunFiles.Where(name => File.Exists(Path.Combine(output, name))).ToArray();
        if (earlier.Length == 0)
            return;
        if (!options.Overwrite)
            throw new EvoDslException(
                $"'{output}' holds the results of an earlier run{EarlierRunSteps(output, experiment)} ({string.Join(", ", earlier)}); "
                + "pass --resume to continue it, --overwrite to replace it, or --out to run into another folder");
        foreach (string name in earlier)
            File.Delete(Path.Combine(output, name));
    }

    /// <summary>The files that make a folder hold a run: what --overwrite replaces.</summary>
    private static readonly string[] RunFiles = [Checkpoint.FileName, "metrics.csv", "summary.json", MetricsPlot.FileName];

    /// <summary>", at generation 300", from the earlier run's summary.json, when it has one.</summary>
    private static string EarlierRunSteps(string output, ExperimentDescriptor experiment)
    {
        try
        {
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))?.AsObject();
            return summary?[$"{experiment.Run.StepNoun}s_completed"] is { } completed
                ? $" that reached {experiment.Run.StepNoun} {completed.ToJsonString()}"
                : "";
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            return "";
        }
    }

    private static void WriteSummary(string output, ExperimentDescriptor experiment, RunContext context, int seed,
        int planned, int completed, IReadOnlyList<Metric> final, double rate, double setupSeconds, double wallSeconds, bool interrupted,
        IReadOnlyList<string> warnings)
    {
        var finalMetrics = new JsonObject();
        foreach (Metric m in final)
            finalMetrics[m.Name] = double.IsFinite(m.Value) ? m.Value : null; // JSON has no NaN; metrics.csv keeps it
        var summary = new JsonObject
        {
            ["experiment"] = experiment.Name,
            ["class"] = experiment.ClassName,
            ["description"] = experiment.Description,
            ["algorithm"] = JsonSerializer.SerializeToNode(experiment.Algorithm, experiment.Algorithm.GetType()),
            ["data"] = experiment.Data is { } data
                ? new JsonObject
                {
                    ["digits"] = data.Digits,
                    ["train_per_class"] = data.TrainPerClass,
                    ["train_examples"] = context.Train.Count,
                    ["test_examples"] = context.Test.Count,
                }
                : "declared inputs",
            ["seed"] = seed,
            ["threads"] = context.Threads,
            [$"{experiment.Run.StepNoun}s_planned"] = planned,
            [$"{experiment.Run.StepNoun}s_completed"] = completed,
            ["interrupted"] = interrupted,
            ["warnings"] = new JsonArray([.. warnings.Select(w => JsonValue.Create(w))]),
            ["final"] = finalMetrics,
            [$"{experiment.Run.UnitNoun.Replace('-', '_')}_per_second"] = Math.Round(rate),
            ["setup_seconds"] = Math.Round(setupSeconds, 3),
            ["wall_seconds"] = Math.Round(wallSeconds, 3),
            ["training_seconds"] = final.FirstOrDefault(m => m.Name == SecondsColumn).Value, // across resumed segments
            ["machine"] = MachineInfo.Description,
            ["finished_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        AtomicFile.WriteAllText(Path.Combine(output, "summary.json"),
            summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
