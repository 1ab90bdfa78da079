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
    /// <param name="UnitsPerSecond">The rate of this invocation's steps; null when it took none (a resume at the end).</param>
    public sealed record Result(string OutputDirectory, int Completed, IReadOnlyList<Metric> Final, double? UnitsPerSecond, bool Interrupted);

    /// <summary>A runner that prints nothing: a cluster worker's runs, the tests.</summary>
    public static ExperimentRunner Quiet() => new(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }));

    public Result Run(ExperimentDescriptor experiment, RunOptions options, CancellationToken cancellation = default)
    {
        // Every path first, so a typo in one of them touches nothing.
        string output = options.OutputDirectory is { } given
            ? HostPaths.Directory(given, "--out")
            : Path.GetFullPath(Path.Combine("results", experiment.Name));
        options = options with
        {
            DataDirectory = options.DataDirectory is { } data ? HostPaths.Directory(data, "--data") : null,
            MnistCache = options.MnistCache is { } cache ? HostPaths.Directory(cache, "--mnist-cache") : null,
        };
        if (options.Cluster is { } cluster)
            Cluster.ClusterAddress.Parse(cluster, "--cluster", worker: false); // refused before any data is read
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

    private Result Run(ExperimentDescriptor experiment, RunOptions options, string output, CancellationToken cancellation)
    {
        int steps = options.Steps ?? experiment.Run.Steps;
        RunSettings run = experiment.Run;
        int evaluateEvery = options.EvaluateEvery ?? experiment.Run.EvaluateEvery;
        int seed = options.Seed ?? experiment.Run.Seed;
        int threads = Threads(options.Threads);
        int checkpointEvery = options.CheckpointEvery ?? evaluateEvery;
        string[] earlierRun = CheckOutput(output, experiment, options);

        var warnings = new List<string>();
        RunContext context = LoadData(experiment, options, (ulong)seed, threads) with
        {
            PriorRuns = new PriorRun(Path.GetDirectoryName(output)!), // the runs beside this one's folder
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
        if (cancellation.IsCancellationRequested)
            throw new OperationCanceledException($"interrupted during setup, before the first {run.StepNoun}; {(options.Resume ? "the checkpoint is as it was" : "nothing was written")}");
        using Cluster.ClusterRun? cluster = options.Cluster is { } address
            ? Cluster.ClusterRun.Start(address, experiment, trainer, seed, fingerprint.ToJsonString(), Say, cancellation)
            : null;
        var progress = new ProgressDisplay(console, run);
        var stepping = new Stopwatch();
        double trainedBefore = 0;
        MetricsTable metrics;
        IReadOnlyList<Metric>? last = null;
        int evaluatedAt = -1, checkpointedAt = -1;
        if (options.Resume)
        {
            Checkpoint.Header header = Checkpoint.Resume(output, fingerprint, trainer);
            metrics = MetricsTable.FromCsv(header.Metrics);
            trainedBefore = header.TrainingSeconds;
            if (trainer.Completed > steps)
                throw new EvoDslException(string.Create(CultureInfo.InvariantCulture,
                    $"the checkpoint in '{output}' is at {run.StepNoun} {trainer.Completed}, past the {steps} asked for: nothing to run, and its results are left as they are; pass a --steps above {trainer.Completed} to continue it"));
            evaluatedAt = metrics.Last(run.StepNoun) == trainer.Completed ? trainer.Completed : -1;
            checkpointedAt = trainer.Completed;
            Say(trainer.Completed == steps
                ? $"the checkpoint in {output} is already at {run.StepNoun} {steps}: nothing to train; writing its results"
                : $"resumed from {Path.Combine(output, Checkpoint.FileName)} at {run.StepNoun} {trainer.Completed}");
        }
        else
        {
            // Only now, with the data loaded and the trainer built, is the earlier run (if --overwrite) replaced.
            foreach (string file in earlierRun)
                File.Delete(file);
            metrics = new MetricsTable();
            last = Evaluate(trainer, metrics, progress, output, trainedBefore);
            evaluatedAt = trainer.Completed;
        }
        int resumedAt = trainer.Completed;
        bool interrupted = false;
        double TrainedSeconds() => trainedBefore + stepping.Elapsed.TotalSeconds;
        void WriteCheckpoint()
        {
            Checkpoint.Write(output, new Checkpoint.Header(fingerprint, metrics.ToCsv(), TrainedSeconds()), trainer);
            checkpointedAt = trainer.Completed;
        }

        while (trainer.Completed < steps)
        {
            if (cancellation.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
            stepping.Start();
            if (cluster is null)
                trainer.Step();
            else
                cluster.Step();
            stepping.Stop();
            int done = trainer.Completed;
            double secondsPerStep = stepping.Elapsed.TotalSeconds / (done - resumedAt);
            progress.Stepped(done, steps, trainer.LastStepScore, trainer.UnitsPerStep / secondsPerStep,
                TimeSpan.FromSeconds(secondsPerStep * (steps - done)));
            if (done % evaluateEvery == 0 || done == steps)
            {
                last = Evaluate(trainer, metrics, progress, output, TrainedSeconds());
                evaluatedAt = done;
            }
            if (done % checkpointEvery == 0 || done == steps)
                WriteCheckpoint();
        }
        if (interrupted)
        {
            // Checkpoint first, so a resumed run's metrics match an uninterrupted one's row for row;
            // then, unless this step was just evaluated, one more evaluation for this run's own results.
            if (checkpointedAt != trainer.Completed)
                WriteCheckpoint();
            if (evaluatedAt != trainer.Completed)
                last = Evaluate(trainer, metrics, progress, output, TrainedSeconds());
        }
        else if (evaluatedAt == trainer.Completed)
        {
            last ??= metrics.LastRow(); // a resume at the end: the checkpoint's last row is this step's
        }
        last ??= Evaluate(trainer, metrics, progress, output, TrainedSeconds());
        progress.Finish();

        int stepped = trainer.Completed - resumedAt;
        double? rate = stepped == 0 ? null : trainer.UnitsPerStep * stepped / stepping.Elapsed.TotalSeconds;
        trainer.WriteArtifacts(output);
        MetricsPlot.Write(output, experiment, metrics);
        WriteSummary(output, experiment, context, seed, steps, trainer.Completed, last, rate, TrainedSeconds(),
            setupSeconds, wall.Elapsed.TotalSeconds, interrupted, warnings, options.Cluster);
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
    public RunContext LoadData(ExperimentDescriptor experiment, RunOptions options, ulong seed, int threads)
    {
        if (experiment.Data is not { } declared)
        {
            if (options.DataDirectory is not null)
                throw new EvoDslException($"--data does not apply to '{experiment.Name}', which trains on the inputs its declaration lists; remove --data");
            return new RunContext(ClassSubset.None, ClassSubset.None, seed, threads);
        }
        string directory;
        string sourceName;
        if (options.DataDirectory is { } data)
        {
            directory = data;
            sourceName = directory;
        }
        else
        {
            directory = Mnist.EnsureAvailable(options.MnistCache, line => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            sourceName = "MNIST";
        }
        (LabeledImages train, LabeledImages test) = ImageDataset.Load(directory);
        string sha256 = DataSha256(options.DataDirectory)!;
        return RunContext.From(declared, train, test, seed, threads, sourceName, sha256);
    }

    /// <summary>
    /// The SHA-256 a checkpoint records of the data: MNIST's known one (verified when fetched), or that of the
    /// <c>--data</c> folder's files.
    /// </summary>
    internal static string DataSha256(string? dataDirectory) => dataDirectory is null ? Mnist.ContentSha256 : ImageDataset.Sha256(dataDirectory);

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
    /// Returns the earlier run's files that --overwrite replaces (deleted only once the new run is set up).
    /// </summary>
    private static string[] CheckOutput(string output, ExperimentDescriptor experiment, RunOptions options)
    {
        HostPaths.WritableDirectory(output, "--out");
        try
        {
            string probe = Path.Combine(output, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvoDslException($"cannot write to the output directory '{output}' ({e.Message}); pass --out with a writable folder", e);
        }
        if (options.Resume || !RunMarkers.Any(name => File.Exists(Path.Combine(output, name))))
            return [];
        if (options.Overwrite)
        {
            // A run's folder: what runs write at its top (CSV, PNG, JSON, the checkpoint, a temporary file a
            // killed write left), never a subfolder (reproduce keeps seeds in seed-N/).
            return Directory.EnumerateFiles(output)
                .Where(file => Path.GetExtension(file) is ".csv" or ".png" or ".json" or ".bin" or ".tmp")
                .ToArray();
        }
        bool resumable = File.Exists(Path.Combine(output, Checkpoint.FileName));
        (int? completed, int? planned) = EarlierRunSteps(output, experiment);
        string what = completed is { } done
            ? string.Create(CultureInfo.InvariantCulture, $"an earlier run that {(done == planned ? "finished at" : "reached")} {experiment.Run.StepNoun} {done}")
            : "the results of an earlier run";
        string remedy = !resumable ? "it has no checkpoint to resume; pass --overwrite to replace it, or --out to run into another folder"
            : completed is { } end && end == planned
                ? string.Create(CultureInfo.InvariantCulture, $"pass --resume with --steps above {end} to extend it, --overwrite to replace it, or --out to run into another folder")
                : "pass --resume to continue it, --overwrite to replace it, or --out to run into another folder";
        throw new EvoDslException($"'{output}' holds {what}; {remedy}");
    }

    /// <summary>Files whose presence makes a folder hold a run.</summary>
    private static readonly string[] RunMarkers = [Checkpoint.FileName, "metrics.csv", "summary.json"];

    /// <summary>The steps the earlier run completed and planned, from its summary.json, when it has one.</summary>
    internal static (int? Completed, int? Planned) EarlierRunSteps(string output, ExperimentDescriptor experiment)
    {
        try
        {
            var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))?.AsObject();
            return ((int?)summary?[$"{experiment.Run.StepNoun}s_completed"], (int?)summary?[$"{experiment.Run.StepNoun}s_planned"]);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
        {
            return (null, null);
        }
    }

    private static void WriteSummary(string output, ExperimentDescriptor experiment, RunContext context, int seed,
        int planned, int completed, IReadOnlyList<Metric> final, double? rate, double trainingSeconds, double setupSeconds, double wallSeconds,
        bool interrupted, IReadOnlyList<string> warnings, string? cluster)
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
            ["cluster"] = cluster, // --cluster: the steps' parts were computed by that cluster's workers
            [$"{experiment.Run.StepNoun}s_planned"] = planned,
            [$"{experiment.Run.StepNoun}s_completed"] = completed,
            ["interrupted"] = interrupted,
            ["warnings"] = new JsonArray([.. warnings.Select(w => JsonValue.Create(w))]),
            ["final"] = finalMetrics,
            [$"{experiment.Run.UnitNoun.Replace('-', '_')}_per_second"] = rate is { } perSecond ? Math.Round(perSecond) : null, // null: no step this time
            ["setup_seconds"] = Math.Round(setupSeconds, 3),
            ["wall_seconds"] = Math.Round(wallSeconds, 3),
            ["training_seconds"] = Math.Round(trainingSeconds, 3), // across resumed segments
            ["machine"] = MachineInfo.Description,
            ["finished_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        AtomicFile.WriteAllText(Path.Combine(output, "summary.json"),
            summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
