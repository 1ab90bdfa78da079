using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;
using Spectre.Console;

namespace EvoDsl.Hosting;

/// <summary>
/// How long each reproduction runs. Runs resume from their checkpoints, so a larger budget continues
/// where a smaller one stopped.
/// </summary>
/// <param name="NneGenerations">Generations of nne-mnist-0to4 and nne-mnist-0to9 (Table 1, Fig. 2).</param>
/// <param name="AlleleSnapshots">Generations at which Fig. 2's allele curve of nne-mnist-0to4 is taken (the last is NneGenerations).</param>
/// <param name="GeneSweepGenerations">Generations of each run of the Fig. 3 gene sweep (at the quick preset's sizes).</param>
/// <param name="OutputLayerEpochs">Epochs of the h = 1000 runs of Table 2 (paper: 500).</param>
/// <param name="KCapEpochs">Epochs of the h = 100,000, k = 256 runs of Table 2; 0 leaves that row out.</param>
/// <param name="SparseSgdEpochs">Epochs of Table 1's SGD row on the NNE network, per seed.</param>
/// <param name="Seeds">Seeds of the rows the paper reports with ± (Table 1's SGD row).</param>
public sealed record ReproductionBudget(
    string Name,
    int NneGenerations,
    int[] AlleleSnapshots,
    int GeneSweepGenerations,
    int OutputLayerEpochs,
    int KCapEpochs,
    int SparseSgdEpochs,
    int Seeds)
{
    public static IReadOnlyList<ReproductionBudget> All { get; } =
    [
        new("quick", NneGenerations: 100, AlleleSnapshots: [25, 50, 100], GeneSweepGenerations: 100,
            OutputLayerEpochs: 5, KCapEpochs: 0, SparseSgdEpochs: 20, Seeds: 3),
        new("standard", NneGenerations: 1000, AlleleSnapshots: [100, 300, 1000], GeneSweepGenerations: 600,
            OutputLayerEpochs: 500, KCapEpochs: 50, SparseSgdEpochs: 100, Seeds: 3),
        new("paper", NneGenerations: 20000, AlleleSnapshots: [1000, 10000, 20000], GeneSweepGenerations: 20000,
            OutputLayerEpochs: 500, KCapEpochs: 500, SparseSgdEpochs: 100, Seeds: 3),
    ];

    public static ReproductionBudget Named(string name) =>
        All.FirstOrDefault(b => b.Name == name)
        ?? throw new EvoDslException($"--budget '{name}' is not a budget; use one of {string.Join(", ", All.Select(b => b.Name))}");
}

/// <summary>
/// <c>reproduce TARGET</c>: runs the experiments behind one of the papers' tables or figures with a
/// documented budget and writes its page (Markdown table with the paper's numbers next to ours, the
/// budget, seeds and time, and PNG plots) into the results folder, docs/results/ by default.
/// </summary>
public sealed class Reproduction(IReadOnlyList<ExperimentDescriptor> catalog, IAnsiConsole console, ReproductionOptions options)
{
    public static IReadOnlyList<string> Targets { get; } =
        ["table1", "table2", "fig2", "fig3", "fig5", "elasticity", "implicit-regularization", "all"];

    private readonly ReproductionBudget _budget = ReproductionBudget.Named(options.Budget);
    private bool _trained; // whether this invocation ran (not only read) an experiment

    public void Run(string target, CancellationToken cancellation)
    {
        if (!Targets.Contains(target))
            throw new EvoDslException($"'{target}' is not a reproduction target; use one of {string.Join(", ", Targets)}");
        Directory.CreateDirectory(options.PageDirectory);
        foreach (string one in target == "all" ? Targets.Take(Targets.Count - 1) : [target])
        {
            if (cancellation.IsCancellationRequested)
                break;
            console.MarkupLine($"[bold]reproduce {one}[/] (budget {_budget.Name})");
            var clock = Stopwatch.StartNew();
            _trained = false;
            string page = one switch
            {
                "table1" => Table1(cancellation),
                "table2" => Table2(cancellation),
                "fig2" => Figure2(cancellation),
                "fig3" => Figure3(cancellation),
                "fig5" => Figure5(),
                "elasticity" => Elasticity(),
                _ => ImplicitRegularization(),
            };
            AtomicFile.WriteAllText(Path.Combine(options.PageDirectory, one + ".md"), Header(one, clock.Elapsed) + page);
        }
        WriteIndex();
    }

    // ---- Table 1: NNE, NNE + SignSGD and SGD on the NNE network, MNIST 0-4 and 0-9 ----

    private string Table1(CancellationToken cancellation)
    {
        var rows = new List<string[]>();
        var nne = new Dictionary<string, Outcome>();
        foreach (string digits in new[] { "0to4", "0to9" })
            nne[digits] = RunTo($"nne-mnist-{digits}", _budget.NneGenerations, seed: null, cancellation);
        rows.Add(["NNE", Percent(nne["0to4"]), "92.1", Percent(nne["0to9"]), "78.8",
            $"{Steps(nne["0to4"])} / {Steps(nne["0to9"])} generations, seed 1", Seconds(nne["0to4"], nne["0to9"])]);

        var signSgd = new Dictionary<string, Outcome>();
        foreach (string digits in new[] { "0to4", "0to9" })
            signSgd[digits] = RunTo($"nne-signsgd-mnist-{digits}", Declared($"nne-signsgd-mnist-{digits}").Run.Steps, seed: null, cancellation);
        rows.Add(["NNE + SignSGD", Percent(signSgd["0to4"]), "91.6", Percent(signSgd["0to9"]), "85.6 (86.3 in the text)",
            $"{Steps(signSgd["0to4"])} epochs of batch 50 from the NNE rows' alleles", Seconds(signSgd["0to4"], signSgd["0to9"])]);

        var sgd = new Dictionary<string, Outcome[]>();
        foreach (string digits in new[] { "0to4", "0to9" })
            sgd[digits] = Enumerable.Range(1, _budget.Seeds).Select(s => RunTo($"sgd-mnist-{digits}", _budget.SparseSgdEpochs, s, cancellation)).ToArray();
        rows.Add(["SGD (Adam, same network and subset)", MeanStd(sgd["0to4"]), "96 ± 0.4", MeanStd(sgd["0to9"]), "88.2 ± 0.75",
            $"{_budget.SparseSgdEpochs} epochs, seeds 1-{_budget.Seeds}", Seconds([.. sgd["0to4"], .. sgd["0to9"]])]);

        ResultFiles.WritePlot(options.PageDirectory, "table1-nne-accuracy.png", "NNE test accuracy (paper 003, Table 1)", "generation", "test accuracy",
        [
            Curve("0-4, W·round(p)", nne["0to4"], "generation", "test_accuracy"),
            Curve("0-4, W·p", nne["0to4"], "generation", "test_accuracy_mean_field"),
            Curve("0-9, W·round(p)", nne["0to9"], "generation", "test_accuracy"),
            Curve("0-9, W·p", nne["0to9"], "generation", "test_accuracy_mean_field"),
        ], yMin: 0, yMax: 1);

        return Table(["model", "MNIST 0-4 (EvoDsl)", "0-4 (paper)", "MNIST 0-9 (EvoDsl)", "0-9 (paper)", "budget", "training time"], rows)
               + "\nEvoDsl's NNE accuracy is that of the network with weights W·round(p) on the full test set of the kept digits; "
               + $"with W·p (mean field) it is {Percent(nne["0to4"], "test_accuracy_mean_field")} and {Percent(nne["0to9"], "test_accuracy_mean_field")}. "
               + "The paper ran \"hundreds of thousands\" of generations.\n\n![NNE accuracy against generations](table1-nne-accuracy.png)\n";
    }

    // ---- Table 2: output layer on fixed random features, full MNIST 0-9 ----

    private string Table2(CancellationToken cancellation)
    {
        var rows = new List<string[]>();
        var curves = new List<ResultFiles.Series>();
        foreach ((string h, string suffix, int epochs, string[] paper) in new[]
        {
            ("1000", "h1000", _budget.OutputLayerEpochs, new[] { "90.34", "86.84", "84.84" }),
            ("100,000 (k-cap 256)", "h100000-k256", _budget.KCapEpochs, new[] { "92.56", "90.21", "90.76" }),
        })
        {
            if (epochs == 0)
            {
                rows.Add([h, "not run at this budget", paper[0], "", paper[1], "", paper[2], "", ""]);
                continue;
            }
            Outcome sgd = RunTo($"sgd-{suffix}", epochs, seed: null, cancellation);
            Outcome signSgd = RunTo($"signsgd-{suffix}", epochs, seed: null, cancellation);
            Outcome dnn = RunTo($"dnn-{suffix}", epochs, seed: null, cancellation);
            rows.Add([h, Percent(sgd), paper[0], Percent(signSgd), paper[1], Percent(dnn), paper[2], $"{epochs} epochs, seed 1", Seconds(sgd, signSgd, dnn)]);
            foreach ((string label, Outcome outcome) in new[] { ("Adam", sgd), ("SignSGD", signSgd), ("DNN", dnn) })
                curves.Add(Curve($"{label}, h = {h}", outcome, "epoch", "test_accuracy"));
        }
        ResultFiles.WritePlot(options.PageDirectory, "table2-accuracy.png", "Output layer on fixed random features (paper 003, Table 2)",
            "epoch", "test accuracy", curves, yMin: 0.5, yMax: 1);
        return Table(["h", "SGD (Adam), EvoDsl", "paper", "SignSGD, EvoDsl", "paper", "DNN, EvoDsl", "paper", "budget", "training time"], rows)
               + "\nFull MNIST 0-9: all 60,000 training images, the 10,000 test images. The paper trained 500 epochs. "
               + "The DNN column uses the three-factor rule docs/dnn.md chose and measured against the variants (the paper's printed rule "
               + "does not learn as written); SignSGD and Adam use the rates docs/dnn.md picked.\n\n"
               + "![Test accuracy against epochs](table2-accuracy.png)\n";
    }

    // ---- Fig. 2: allele convergence of nne-mnist-0to4 ----

    private string Figure2(CancellationToken cancellation)
    {
        const string experiment = "nne-mnist-0to4";
        var series = new List<ResultFiles.Series>();
        var rows = new List<string[]>();
        // The run records the curve at every evaluation, so it does not matter whether table1 took it further first.
        Outcome outcome = RunTo(experiment, _budget.NneGenerations, seed: null, cancellation);
        string historyFile = Path.Combine(outcome.Directory, Metrics.AlleleConvergence.HistoryFile);
        if (!File.Exists(historyFile))
            throw new EvoDslException($"'{outcome.Directory}' has no {Metrics.AlleleConvergence.HistoryFile} (it was written by an earlier EvoDsl); delete that folder and reproduce again");
        var history = MetricsTable.ReadRows(historyFile);
        foreach (int generation in _budget.AlleleSnapshots.Where(g => g <= _budget.NneGenerations))
        {
            var curve = history.Where(r => (int)r["generation"] == generation).ToList();
            if (curve.Count == 0)
            {
                rows.Add([generation.ToString(CultureInfo.InvariantCulture), "not evaluated at this generation", "", "", ""]);
                continue;
            }
            double[] x = curve.Select(r => r["distance"]).ToArray(), y = curve.Select(r => r["fraction"]).ToArray();
            series.Add(new ResultFiles.Series($"t = {generation}", x, y));
            rows.Add([generation.ToString(CultureInfo.InvariantCulture), Fraction(x, y, 0.01), Fraction(x, y, 0.05), Fraction(x, y, 0.1), Fraction(x, y, 0.25)]);
        }
        ResultFiles.WritePlot(options.PageDirectory, "fig2-alleles.png", "Allele convergence, NNE MNIST 0-4 (paper 003, Fig. 2)",
            "distance x to {0, 1}", "fraction of genes with min{p, 1 − p} ≤ x", series, yMin: 0, yMax: 1);
        return Table(["generation", "x = 0.01", "x = 0.05", "x = 0.1", "x = 0.25"], rows)
               + "\nThe paper plots t = 10K, 100K and 200K generations: the vast majority of genes end near 0 or 1.\n\n"
               + "![Allele convergence](fig2-alleles.png)\n";
    }

    // ---- Fig. 3: number of genes against accuracy, at the quick preset's sizes ----

    private string Figure3(CancellationToken cancellation)
    {
        var rows = new List<string[]>();
        var series = new List<ResultFiles.Series>();
        foreach (string digits in new[] { "0to4", "0to9" })
        {
            foreach (ExperimentDescriptor sweep in catalog.Where(e => e.Name.StartsWith($"nne-genes-{digits}-n", StringComparison.Ordinal))
                         .OrderBy(e => int.Parse(e.Name[(e.Name.LastIndexOf('n') + 1)..], CultureInfo.InvariantCulture)))
            {
                Outcome outcome = RunTo(sweep.Name, _budget.GeneSweepGenerations, seed: null, cancellation);
                string genes = sweep.Name[(sweep.Name.LastIndexOf('n') + 1)..];
                rows.Add([digits.Replace("to", "-"), genes, Percent(outcome), Steps(outcome).ToString(CultureInfo.InvariantCulture), Seconds(outcome)]);
                series.Add(Curve($"{digits.Replace("to", "-")}, n = {genes}", outcome, "generation", "test_accuracy"));
            }
        }
        ResultFiles.WritePlot(options.PageDirectory, "fig3-genes.png", "Number of genes against accuracy (paper 003, Fig. 3)",
            "generation", "test accuracy", series, yMin: 0, yMax: 1);
        return Table(["digits", "genes n", "test accuracy", "generations", "training time"], rows)
               + "\nAt the quick preset's sizes (H = 300, N = 200, 100 training images per digit), seed 1. The paper: more genes, higher accuracy, slower. "
               + "One seed per n: NNE runs sit on plateaus while a class is still missing (docs/nne.md), so at a short budget the order across n "
               + "reflects when each run found its last class as much as n.\n\n"
               + "![Accuracy against generations for each n](fig3-genes.png)\n";
    }

    // ---- Neurashed (paper 002) ----

    private string Figure5()
    {
        _trained = true; // the neurashed phenomena always run
        // The declared experiment, created through its catalog entry as the runner creates it, and measured by its own evaluations.
        ExperimentDescriptor declared = Declared("neurashed-information-bottleneck");
        RunContext context = new ExperimentRunner(console).LoadData(declared, RunOptions(output: null, seed: null, resume: false),
            (ulong)declared.Run.Seed, options.Threads ?? Environment.ProcessorCount);
        InformationBottleneckResult result;
        using (ITrainer trainer = declared.Create(context))
            result = InformationBottleneck.Measure(trainer, declared.Run.Steps, declared.Run.EvaluateEvery);
        PhenomenaFiles.Write(result, options.PageDirectory);
        return Table(["quantity", "paper (Fig. 5)", "EvoDsl"],
               [
                   ["I(level 2; input) peak", "rises toward log₂ 4 = 2 bits", $"{result.PeakInputBits:F2} bits at iteration {result.PeakIteration}"],
                   ["I(level 2; input) at the end", "falls toward log₂ 2 = 1 bit", $"{result.FinalInputBits:F2} bits"],
                   ["I(level 2; label) at the end", "near 1 bit", $"{result.FinalLabelBits:F2} bits"],
               ])
               + "\nMeasured on the declared experiment `neurashed-information-bottleneck` (experiments/EvoDsl.Experiments/NeurashedExperiments.cs), "
               + "created from its catalog entry as `run` creates it: the series are its own evaluations, the columns `run` writes to metrics.csv. "
               + "Estimator and choices: docs/neurashed.md.\n\n"
               + "![Mutual information against iterations](information-bottleneck.png)\n";
    }

    private string Elasticity()
    {
        _trained = true; // the neurashed phenomena always run
        var local = LocalElasticityExperiment.Run(new LocalElasticityOptions());
        PhenomenaFiles.Write(local, options.PageDirectory);
        var theoremOptions = new ElasticityTheoremsOptions();
        var theorems = ElasticityTheoremsExperiment.Run(theoremOptions);
        PhenomenaFiles.Write(theorems, theoremOptions, options.PageDirectory);
        var page = new StringBuilder();
        page.Append(Table(["update at 1a, effect on", "paper (Fig. 2)", "EvoDsl mean LE", "median"],
        [
            ["1b (same class, shared pathway)", "largest", F(local.Mean1b), F(local.Median1b)],
            ["class 2 (overlapping)", "smaller", F(local.Mean2), F(local.Median2)],
            ["class 3 (disjoint)", "smallest", F(local.Mean3), F(local.Median3)],
        ]));
        page.Append(CultureInfo.InvariantCulture, $"\n{local.OrderedShare:P1} of {local.Trials.Count} trials are strictly ordered.\n\n![Local elasticity histograms](local-elasticity.png)\n\n");
        page.Append("Theorem 1: the ratio ΔZ_j / ΔZ_j' for an update at class j against its limit (b1 + b2)/b1.\n\n");
        page.Append(Table(["b1", "b2", "(b1 + b2)/b1", "measured", "exact at this t", "η trained too"],
            theorems.Theorem1.Select(r => new[] { $"{r.Shared}", $"{r.PerClass}", F(r.Limit), F(r.Measured), F(r.Exact), F(r.MeasuredEtaTrained) }).ToList()));
        page.Append("\nTheorem 2: the ratio grows with the number of levels L.\n\n");
        page.Append(Table(["L", "updates", "measured", "exact"],
            theorems.Theorem2.Select(r => new[] { $"{r.Levels}", $"{r.Epochs}", F(r.Measured), F(r.Exact) }).ToList()));
        page.Append("\n![Theorem 1](theorem1.png) ![Theorem 2](theorem2.png)\n");
        return page.ToString();
    }

    private string ImplicitRegularization()
    {
        _trained = true; // the neurashed phenomena always run
        var regularizationOptions = new ImplicitRegularizationOptions();
        var result = ImplicitRegularizationExperiment.Run(regularizationOptions);
        PhenomenaFiles.Write(result, regularizationOptions, options.PageDirectory);
        return Table(["batch size B", $"share of λ in the top 3 nodes", "normalised entropy of λ"],
                   result.Rows.Select(r => new[] { $"{r.BatchSize}", F(r.TopShare), F(r.NormalizedEntropy) }).ToList())
               + "\nPaper (Figs. 3-4): batch size 1 learns a sparse pathway per class, large batches a dense one.\n\n"
               + "![Sparsity against batch size](implicit-regularization.png)\n";
    }

    // ---- running and reading experiments ----

    /// <summary>A finished run as its results folder records it.</summary>
    private sealed record Outcome(string Directory, int Steps, IReadOnlyList<Dictionary<string, double>> Metrics, double TrainingSeconds);

    private ExperimentDescriptor Declared(string name) => EvoDslHost.Find(catalog, name);

    private string Output(string experiment, int? seed) =>
        seed is null ? Path.Combine(options.ResultsDirectory, experiment) : Path.Combine(options.ResultsDirectory, experiment, $"seed-{seed}");

    /// <summary>
    /// Brings <paramref name="experiment"/> to <paramref name="steps"/> steps: nothing to do when its results
    /// already reach them, a resumed run when a checkpoint exists, else a new run.
    /// </summary>
    private Outcome RunTo(string experiment, int steps, int? seed, CancellationToken cancellation)
    {
        ExperimentDescriptor descriptor = Declared(experiment);
        string output = Output(experiment, seed);
        Outcome? done = Read(output);
        if (done is null || done.Steps < steps)
        {
            // A run with a readable checkpoint continues; results without one, or with one this version cannot
            // read (an earlier format, damaged), cannot, so the run starts again and replaces them.
            string checkpoint = Path.Combine(output, Checkpoint.FileName);
            bool resume = File.Exists(checkpoint);
            if (resume && Checkpoint.Unreadable(checkpoint) is { } why)
            {
                console.MarkupLine(Markup.Escape($"  {why}: starting that run again"));
                resume = false;
            }
            _trained = true;
            console.MarkupLine(Markup.Escape($"  {experiment}{(seed is null ? "" : $" seed {seed}")}: {(resume ? $"resuming at {done?.Steps ?? 0}" : "starting")}, to {steps} {descriptor.Run.StepNoun}s"));
            var result = new ExperimentRunner(console).Run(descriptor, RunOptions(output, seed, resume) with { Steps = steps }, cancellation);
            if (result.Interrupted)
                throw new OperationCanceledException($"interrupted in '{experiment}' at {descriptor.Run.StepNoun} {result.Completed}; the same reproduce command resumes it");
            done = Read(output) ?? throw new EvoDslException($"the run of '{experiment}' left no results in '{output}'");
        }
        return done;
    }

    private RunOptions RunOptions(string? output, int? seed, bool resume) =>
        new(Seed: seed, Threads: options.Threads, DataDirectory: options.DataDirectory, OutputDirectory: output, MnistCache: options.MnistCache,
            Resume: resume, Overwrite: !resume);

    private static Outcome? Read(string directory)
    {
        string summaryPath = Path.Combine(directory, "summary.json"), metricsPath = Path.Combine(directory, "metrics.csv");
        if (!File.Exists(summaryPath) || !File.Exists(metricsPath))
            return null;
        var summary = JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject();
        int steps = summary.Where(p => p.Key.EndsWith("s_completed", StringComparison.Ordinal)).Select(p => (int)p.Value!).FirstOrDefault();
        var metrics = MetricsTable.ReadRows(metricsPath);
        return new Outcome(directory, steps, metrics, metrics.Count > 0 ? metrics[^1].GetValueOrDefault(ExperimentRunner.SecondsColumn) : 0);
    }

    // ---- formatting ----

    private static ResultFiles.Series Curve(string label, Outcome outcome, string x, string y) =>
        new(label, outcome.Metrics.Select(r => r[x]).ToArray(), outcome.Metrics.Select(r => r[y]).ToArray());

    private static double Final(Outcome outcome, string metric = "test_accuracy") => outcome.Metrics[^1][metric];

    private static string Percent(Outcome outcome, string metric = "test_accuracy") =>
        (Final(outcome, metric) * 100).ToString("F2", CultureInfo.InvariantCulture);

    private static int Steps(Outcome outcome) => outcome.Steps;

    private static string MeanStd(IReadOnlyList<Outcome> outcomes)
    {
        double[] values = outcomes.Select(o => Final(o) * 100).ToArray();
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
        return string.Create(CultureInfo.InvariantCulture, $"{mean:F2} ± {std:F2}");
    }

    private static string Seconds(params Outcome[] outcomes) => FormatDuration(outcomes.Sum(o => o.TrainingSeconds));

    private static string FormatDuration(double seconds) =>
        seconds >= 3600 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h")
        : seconds >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s");

    private static string Fraction(double[] x, double[] y, double at)
    {
        int i = Array.FindIndex(x, v => Math.Abs(v - at) < 1e-9);
        return i < 0 ? "" : y[i].ToString("F3", CultureInfo.InvariantCulture);
    }

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Table(string[] header, IReadOnlyList<string[]> rows)
    {
        var table = new StringBuilder();
        table.Append("| ").AppendJoin(" | ", header).Append(" |\n");
        table.Append('|').Append(string.Concat(Enumerable.Repeat("---|", header.Length))).Append('\n');
        foreach (string[] row in rows)
            table.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        return table.ToString();
    }

    private string Header(string target, TimeSpan elapsed)
    {
        string command = $"dotnet run --project experiments/EvoDsl.Experiments -c Release -- reproduce {target} --budget {_budget.Name}";
        string results = Path.GetRelativePath(Environment.CurrentDirectory, options.ResultsDirectory);
        string timing = _trained
            ? $"this invocation took {FormatDuration(elapsed.TotalSeconds)} (runs it found finished were read, not rerun; the training times are the runs' own)"
            : "every MNIST run it needed had finished in an earlier invocation with this budget and was read; the training times are the runs' own";
        return string.Create(CultureInfo.InvariantCulture,
            $"# {Titles[target]}\n\nProduced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Kernels.MachineInfo.Description}); "
            + $"{timing}. The runs' folders are under `{results}/`.\n\n");
    }

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["table1"] = "Table 1 (paper 003): NNE, NNE + SignSGD and SGD on MNIST 0-4 and 0-9",
        ["table2"] = "Table 2 (paper 003): SGD, SignSGD and DNN on fixed random features",
        ["fig2"] = "Fig. 2 (paper 003): convergence of the allele distribution",
        ["fig3"] = "Fig. 3 (paper 003): number of genes against accuracy",
        ["fig5"] = "Fig. 5 (paper 002): the information bottleneck in a neurashed",
        ["elasticity"] = "Fig. 2 and Theorems 1-2 (paper 002): local elasticity",
        ["implicit-regularization"] = "Figs. 3-4 (paper 002): implicit regularization",
    };

    /// <summary>README.md of the results folder: every page written so far, in target order.</summary>
    private void WriteIndex()
    {
        var index = new StringBuilder("# EvoDsl results\n\nEach page was written by `reproduce TARGET`; it names its command, budget and date.\n\n");
        index.Append("Budgets (`--budget`): generations of the paper-size NNE runs / Fig. 2 snapshots / generations of each Fig. 3 run / "
                     + "epochs of Table 2 at h = 1000 / at h = 100,000 / epochs of Table 1's SGD row × seeds.\n\n");
        foreach (ReproductionBudget b in ReproductionBudget.All)
            index.Append(CultureInfo.InvariantCulture,
                $"- `{b.Name}`: {b.NneGenerations} / {string.Join(", ", b.AlleleSnapshots)} / {b.GeneSweepGenerations} / {b.OutputLayerEpochs} / {(b.KCapEpochs == 0 ? "not run" : b.KCapEpochs)} / {b.SparseSgdEpochs} × {b.Seeds}\n");
        index.Append('\n');
        foreach (string target in Targets.Where(t => t != "all"))
        {
            string page = Path.Combine(options.PageDirectory, target + ".md");
            if (File.Exists(page))
                index.Append(CultureInfo.InvariantCulture, $"- [{Titles[target]}]({target}.md)\n");
        }
        AtomicFile.WriteAllText(Path.Combine(options.PageDirectory, "README.md"), index.ToString());
    }
}

/// <summary>The <c>reproduce</c> command's options.</summary>
/// <param name="PageDirectory">Where the Markdown pages and plots go (docs/results).</param>
/// <param name="ResultsDirectory">Where the runs' results folders go (results).</param>
public sealed record ReproductionOptions(
    string Budget = "quick",
    int? Threads = null,
    string PageDirectory = "docs/results",
    string ResultsDirectory = "results",
    string? DataDirectory = null,
    string? MnistCache = null);
