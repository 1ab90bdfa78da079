using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;
using EvoDsl.Data;
using EvoDsl.Nne;
using EvoDsl.Wann;
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
/// <param name="Seeds">Seeds of Table 1's NNE rows, of the rows the paper reports with ± (Table 1's SGD row), of Table 2's h = 1000 rows, the NNE study and the GP page; their pages give each a Student-t interval.</param>
/// <param name="Wann">The WANN preset the wann page runs, at its declared generations, population and batch.</param>
/// <param name="StudyGenerations">Generations of each run of the NNE study on MNIST 0-9 (issue 17, at the quick preset's sizes), per seed.</param>
/// <param name="Gp">The GP preset the gp page runs with crossover, over the seeds, at its declared generations; its "-mutation-only" twin is the ablation.</param>
public sealed record ReproductionBudget(
    string Name,
    int NneGenerations,
    int[] AlleleSnapshots,
    int GeneSweepGenerations,
    int OutputLayerEpochs,
    int KCapEpochs,
    int SparseSgdEpochs,
    int Seeds,
    string Wann,
    int StudyGenerations,
    string Gp)
{
    public static IReadOnlyList<ReproductionBudget> All { get; } =
    [
        new("quick", NneGenerations: 100, AlleleSnapshots: [25, 50, 100], GeneSweepGenerations: 100,
            OutputLayerEpochs: 5, KCapEpochs: 0, SparseSgdEpochs: 20, Seeds: 3, Wann: "wann-mnist-quick", StudyGenerations: 100, Gp: "gp-mnist-quick"),
        new("standard", NneGenerations: 1000, AlleleSnapshots: [100, 300, 1000], GeneSweepGenerations: 600,
            OutputLayerEpochs: 500, KCapEpochs: 50, SparseSgdEpochs: 100, Seeds: 3, Wann: "wann-mnist256", StudyGenerations: 2000, Gp: "gp-mnist256"),
        new("paper", NneGenerations: 20000, AlleleSnapshots: [1000, 10000, 20000], GeneSweepGenerations: 20000,
            OutputLayerEpochs: 500, KCapEpochs: 500, SparseSgdEpochs: 100, Seeds: 3, Wann: "wann-mnist256", StudyGenerations: 2000, Gp: "gp-mnist256"),
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
public sealed partial class Reproduction(IReadOnlyList<ExperimentDescriptor> catalog, IAnsiConsole console, ReproductionOptions options)
{
    /// <summary>
    /// Every target, in the order of <c>all</c> and of the results index: the papers' numbers as
    /// SPEC.md restates them (paper 003 = Table 1-2, Figs. 2-3; paper 002 = the neurashed figures; paper 001 = WANN), each
    /// with the declared experiments set beside it. The command line, <c>all</c> and the titles come from here.
    /// </summary>
    public static IReadOnlyList<ReproductionTarget> Targets { get; } =
    [
        new("table1", "Table 1 (paper 003): NNE, NNE + SignSGD and SGD on MNIST 0-4 and 0-9",
        [
            new(new("003", "Table 1", "NNE", "MNIST 0-4"), new ReportedPercent(92.1), ["nne-mnist-0to4"]),
            new(new("003", "Table 1", "NNE", "MNIST 0-9"), new ReportedPercent(78.8), ["nne-mnist-0to9"]),
            new(new("003", "Table 1", "NNE + SignSGD", "MNIST 0-4"), new ReportedPercent(91.6), ["nne-signsgd-mnist-0to4"]),
            new(new("003", "Table 1", "NNE + SignSGD", "MNIST 0-9"), new ReportedPercent(85.6, InText: 86.3), ["nne-signsgd-mnist-0to9"]),
            new(new("003", "Table 1", "SGD", "MNIST 0-4"), new ReportedPercent(96, PlusMinus: 0.4), ["sgd-mnist-0to4"]),
            new(new("003", "Table 1", "SGD", "MNIST 0-9"), new ReportedPercent(88.2, PlusMinus: 0.75), ["sgd-mnist-0to9"]),
        ], static (reproduction, target, cancellation) => reproduction.Table1(target, cancellation)),

        new("table2", "Table 2 (paper 003): SGD, SignSGD and DNN on fixed random features",
        [
            new(new("003", "Table 2", "1000", "SGD (Adam)"), new ReportedPercent(90.34), ["sgd-h1000"]),
            new(new("003", "Table 2", "1000", "SignSGD"), new ReportedPercent(86.84), ["signsgd-h1000"]),
            new(new("003", "Table 2", "1000", "DNN"), new ReportedPercent(84.84), ["dnn-h1000"]),
            new(new("003", "Table 2", "100,000", "SGD (Adam)"), new ReportedPercent(92.56), ["sgd-h100000-k256"]),
            new(new("003", "Table 2", "100,000", "SignSGD"), new ReportedPercent(90.21), ["signsgd-h100000-k256"]),
            new(new("003", "Table 2", "100,000", "DNN"), new ReportedPercent(90.76), ["dnn-h100000-k256"]),
        ], static (reproduction, target, cancellation) => reproduction.Table2(target, cancellation)),

        new("fig2", "Fig. 2 (paper 003): convergence of the allele distribution",
        [
            new(new("003", "Fig. 2", "alleles"), new ReportedClaim("t = 10K, 100K and 200K generations: the vast majority of genes end near 0 or 1"),
                ["nne-mnist-0to4"]),
        ], static (reproduction, target, cancellation) => reproduction.Figure2(target, cancellation)),

        new("fig3", "Fig. 3 (paper 003): number of genes against accuracy",
        [
            new(new("003", "Fig. 3", "genes"), new ReportedClaim("more genes, higher accuracy, slower"),
            [
                "nne-genes-0to4-n300", "nne-genes-0to4-n500", "nne-genes-0to4-n1000", "nne-genes-0to4-n2000",
                "nne-genes-0to9-n300", "nne-genes-0to9-n500", "nne-genes-0to9-n1000", "nne-genes-0to9-n2000",
            ]),
        ], static (reproduction, target, cancellation) => reproduction.Figure3(target, cancellation)),

        new("fig5", "Fig. 5 (paper 002): the information bottleneck in a neurashed",
        [
            new(new("002", "Fig. 5", "I(level 2; input) peak"), new ReportedBits("rises toward", 2, "log₂ 4"), ["neurashed-information-bottleneck"]),
            new(new("002", "Fig. 5", "I(level 2; input) at the end"), new ReportedBits("falls toward", 1, "log₂ 2"), ["neurashed-information-bottleneck"]),
            new(new("002", "Fig. 5", "I(level 2; label) at the end"), new ReportedBits("near", 1), ["neurashed-information-bottleneck"]),
        ], static (reproduction, target, _) => reproduction.Figure5(target)),

        new("elasticity", "Fig. 2 and Theorems 1-2 (paper 002): local elasticity",
        [
            new(new("002", "Fig. 2", "1b (same class, shared pathway)"), new ReportedClaim("largest"), []),
            new(new("002", "Fig. 2", "class 2 (overlapping)"), new ReportedClaim("smaller"), []),
            new(new("002", "Fig. 2", "class 3 (disjoint)"), new ReportedClaim("smallest"), []),
        ], static (reproduction, target, _) => reproduction.Elasticity(target)),

        new("implicit-regularization", "Figs. 3-4 (paper 002): implicit regularization",
        [
            new(new("002", "Figs. 3-4", "sparsity"), new ReportedClaim("batch size 1 learns a sparse pathway per class, large batches a dense one"), []),
        ], static (reproduction, target, _) => reproduction.ImplicitRegularization(target)),

        new("wann", "Table 2 (paper 001, WANN): MNIST accuracy of a weight agnostic network",
        [
            new(new("001", "Table 2", "random shared weight"), new ReportedPercent(82.0, PlusMinus: 18.7), WannPresets),
            new(new("001", "Table 2", "ensemble of weights"), new ReportedPercent(91.6), WannPresets),
            new(new("001", "Table 2", "best single weight"), new ReportedPercent(91.9), WannPresets),
            new(new("001", "Table 2", "trained weights"), new ReportedPercent(94.2), []),
        ], static (reproduction, target, cancellation) => reproduction.Wann(target, cancellation)),

        new("nne-study", "NNE on MNIST 0-9: what the paper's open choices do to time to accuracy",
        [
            new(new("003", "§3.1", "open choices"),
                new ReportedClaim("the paper gives no selection strength ε, no weight scale and no rule for an allele no genotype carries; its reward is max{0, α² − L²}"),
                StudyExperiments),
        ], static (reproduction, target, cancellation) => reproduction.NneStudy(target, cancellation)),

        new("gp", "Genetic programming on MNIST 0-9 (seed 000): programs that evolve by crossover",
        [
            new(new("000", "§3", "crossover"), new ReportedClaim("crossover, two fit programs exchanging random subtrees, is the main driver"), GpPresets),
            new(new("000", "§3", "program size"), new ReportedClaim("initial programs are random trees of various sizes; (of networks) simple solutions come first"), GpPresets),
            new(new("000", "anchor (SPEC §5: Ha 2017)", "simple GA on a small convnet's weights"), new ReportedPercent(82.4), []),
            new(new("001", "Table 2", "WANN, ensemble of weights"), new ReportedPercent(91.6), []),
            new(new("001", "Table 2", "linear classifier"), new ReportedPercent(91.6), []),
        ], static (reproduction, target, cancellation) => reproduction.Gp(target, cancellation)),
    ];

    /// <summary>The WANN presets a budget chooses from (<see cref="ReproductionBudget.Wann"/>): the quick one and the paper's settings.</summary>
    private static string[] WannPresets => ["wann-mnist-quick", "wann-mnist256"];

    /// <summary>The GP presets a budget chooses from (<see cref="ReproductionBudget.Gp"/>), each with its mutation-only twin.</summary>
    private static string[] GpPresets => ["gp-mnist-quick", "gp-mnist-quick-mutation-only", "gp-mnist256", "gp-mnist256-mutation-only"];

    /// <summary>The target that reproduces every other, in <see cref="Targets"/>' order.</summary>
    public const string All = "all";

    /// <summary>What <c>reproduce</c> accepts: every target's name, then <see cref="All"/>.</summary>
    public static IReadOnlyList<string> TargetNames { get; } = [.. Targets.Select(t => t.Name), All];

    private readonly ReproductionBudget _budget = ReproductionBudget.Named(options.Budget);
    private bool _trained; // whether this invocation ran (not only read) an experiment

    public void Run(string target, CancellationToken cancellation)
    {
        IReadOnlyList<ReproductionTarget> chosen = target == All
            ? Targets
            : [Targets.SingleOrDefault(t => t.Name == target)
               ?? throw new EvoDslException($"'{target}' is not a reproduction target; use one of {string.Join(", ", TargetNames)}")];
        Directory.CreateDirectory(options.PageDirectory);
        foreach (ReproductionTarget one in chosen)
        {
            if (cancellation.IsCancellationRequested)
                break;
            console.MarkupLine($"[bold]reproduce {one.Name}[/] (budget {_budget.Name})");
            var clock = Stopwatch.StartNew();
            _trained = false;
            string page = one.Page(this, one, cancellation);
            AtomicFile.WriteAllText(Path.Combine(options.PageDirectory, one.Name + ".md"), Header(one, clock.Elapsed) + page);
        }
        WriteIndex();
    }

    // ---- Table 1: NNE, NNE + SignSGD and SGD on the NNE network, MNIST 0-4 and 0-9 ----

    private static readonly string[] Table1Columns = ["MNIST 0-4", "MNIST 0-9"];

    private string Table1(ReproductionTarget target, CancellationToken cancellation)
    {
        var rows = new List<string[]>();
        PaperResult[] Row(string model) => [.. Table1Columns.Select(column => target.Reported(model, column))];
        PaperResult[] nneCells = Row("NNE"), signSgdCells = Row("NNE + SignSGD"), sgdCells = Row("SGD");

        Outcome[][] nne = [.. nneCells.Select(cell => NneSeeds(cell.Experiment, cancellation))];
        rows.Add(["NNE", Accuracy(nne[0]), nneCells[0].Value.Text, Accuracy(nne[1]), nneCells[1].Value.Text,
            $"{Steps(nne[0][0])} / {Steps(nne[1][0])} generations, seeds 1-{_budget.Seeds}", Seconds([.. nne[0], .. nne[1]])]);

        // NNE + SignSGD reads the alleles the NNE run of the declared seed ends with, wherever that run stands (a long run
        // goes on past the budget); a SignSGD result older than those alleles is run again, so the row matches its caption.
        Outcome[] alleleRuns = [.. nneCells.Select(cell => RunTo(cell.Experiment, _budget.NneGenerations, seed: null, cancellation))];
        Outcome[] signSgd = [.. signSgdCells.Zip(alleleRuns, (cell, alleles) =>
            RunTo(cell.Experiment, Declared(cell.Experiment).Run.Steps, seed: null, cancellation, again: OlderThan(Output(cell.Experiment, null), alleles.Directory)))];
        rows.Add(["NNE + SignSGD", Percent(signSgd[0]), signSgdCells[0].Value.Text, Percent(signSgd[1]), signSgdCells[1].Value.Text,
            $"{Steps(signSgd[0])} epochs of batch 50 from the alleles of the NNE runs of seed {Declared(nneCells[0].Experiment).Run.Seed} "
            + $"(generations {Steps(alleleRuns[0])} / {Steps(alleleRuns[1])})", Seconds(signSgd)]);

        Outcome[][] sgd = [.. sgdCells.Select(cell => RunSeeds(cell.Experiment, _budget.SparseSgdEpochs, cancellation))];
        rows.Add(["SGD (Adam, same network and subset)", Accuracy(sgd[0]), sgdCells[0].Value.Text, Accuracy(sgd[1]), sgdCells[1].Value.Text,
            $"{_budget.SparseSgdEpochs} epochs, seeds 1-{_budget.Seeds}", Seconds([.. sgd[0], .. sgd[1]])]);

        // The 0-9 run of the declared seed may have gone on past the budget (issue 17's long run toward the paper's 78.8%).
        Outcome longest = alleleRuns[1];
        bool continued = longest.Steps > _budget.NneGenerations;
        ResultFiles.WritePlot(options.PageDirectory, "table1-nne-accuracy.png", "NNE test accuracy (paper 003, Table 1), the declared seed's runs", "generation", "test accuracy",
        [
            Curve("0-4, W·round(p)", alleleRuns[0], "generation", "test_accuracy"),
            Curve("0-4, W·p", alleleRuns[0], "generation", "test_accuracy_mean_field"),
            Curve("0-9, W·round(p)", longest, "generation", "test_accuracy"),
            Curve("0-9, W·p", longest, "generation", "test_accuracy_mean_field"),
        ], yMin: 0, yMax: 1);

        string meanField = string.Join(" and ", nne.Select(runs => SeedSummary.Of([.. runs.Select(run => Final(run, "test_accuracy_mean_field") * 100)]).Mean
            .ToString("F2", CultureInfo.InvariantCulture)));
        return Table(["model", "MNIST 0-4 (EvoDsl)", "0-4 (paper)", "MNIST 0-9 (EvoDsl)", "0-9 (paper)", "budget", "training time"], rows)
               + "\nEvoDsl's NNE accuracy is that of the network with weights W·round(p) on the full test set of the kept digits; "
               + $"with W·p (mean field) it is {meanField} (means over the seeds). "
               + "The paper ran \"hundreds of thousands\" of generations.\n"
               + (continued ? LongRun(longest, nneCells[1]) : "")
               + "\n![NNE accuracy against generations](table1-nne-accuracy.png)\n"
               + Certainty(["model", "data"],
                   [.. nneCells.Zip(nne, (cell, runs) => new Cell(cell, runs)), .. signSgdCells.Zip(signSgd, (cell, run) => new Cell(cell, [run])),
                    .. sgdCells.Zip(sgd, (cell, runs) => new Cell(cell, runs))]);
    }

    /// <summary>
    /// Table 1's NNE cell over the budget's seeds at its generations: the declared seed's run is the experiment's own
    /// folder (the one NNE + SignSGD reads, and the one a long run continues), the other seeds' are seed-N folders. A run
    /// taken past the budget is read as it stood at the budget's generation.
    /// </summary>
    private Outcome[] NneSeeds(string experiment, CancellationToken cancellation)
    {
        int declared = Declared(experiment).Run.Seed;
        return [.. Enumerable.Range(1, _budget.Seeds).Select(seed =>
            RunTo(experiment, _budget.NneGenerations, seed == declared ? null : seed, cancellation).Upto(_budget.NneGenerations, "generation"))];
    }

    /// <summary>The paragraph on a run taken past the budget: where it stands, the time it took, where its checkpoint is kept.</summary>
    private static string LongRun(Outcome run, PaperResult cell)
    {
        string generation = run.Steps.ToString("N0", CultureInfo.InvariantCulture);
        return $"\n**The 0-9 run of the declared seed, continued toward the paper's {cell.Value.Text}:** generation {generation}, "
               + $"{Percent(run)}% test accuracy ({Percent(run, "test_accuracy_mean_field")}% with W·p), after {FormatDuration(run.TrainingSeconds)} of training. "
               + "It is the curve of the plot's 0-9 lines. Its checkpoint and metrics are committed in docs/results/runs/nne-mnist-0to9/, "
               + "whose README names the machine and the thread count of each segment and says how to continue it.\n";
    }

    // ---- Table 2: output layer on fixed random features, full MNIST 0-9 ----

    private string Table2(ReproductionTarget target, CancellationToken cancellation)
    {
        var rows = new List<string[]>();
        var curves = new List<ResultFiles.Series>();
        var measured = new List<Cell>();
        (string Column, string Curve)[] systems = [("SGD (Adam)", "Adam"), ("SignSGD", "SignSGD"), ("DNN", "DNN")];
        // The h = 1000 rows are cheap enough to run over the budget's seeds; the k-cap rows run once.
        foreach ((string paperRow, string h, int epochs, bool seeded) in new[]
        {
            ("1000", "1000", _budget.OutputLayerEpochs, true),
            ("100,000", "100,000 (k-cap 256)", _budget.KCapEpochs, false),
        })
        {
            PaperResult[] cells = [.. systems.Select(system => target.Reported(paperRow, system.Column))];
            if (epochs == 0)
            {
                rows.Add([h, "not run at this budget", cells[0].Value.Text, "", cells[1].Value.Text, "", cells[2].Value.Text, "", ""]);
                measured.AddRange(cells.Select(cell => new Cell(cell, [])));
                continue;
            }
            Outcome[][] outcomes = [.. cells.Select(cell => seeded ? RunSeeds(cell.Experiment, epochs, cancellation) : [RunTo(cell.Experiment, epochs, seed: null, cancellation)])];
            rows.Add([h, Accuracy(outcomes[0]), cells[0].Value.Text, Accuracy(outcomes[1]), cells[1].Value.Text, Accuracy(outcomes[2]), cells[2].Value.Text,
                seeded ? $"{epochs} epochs, seeds 1-{_budget.Seeds}" : $"{epochs} epochs, seed 1", Seconds([.. outcomes.SelectMany(o => o)])]);
            measured.AddRange(cells.Zip(outcomes, (cell, runs) => new Cell(cell, runs)));
            for (int i = 0; i < systems.Length; i++)
                curves.Add(Curve($"{systems[i].Curve}, h = {h}", outcomes[i][0], "epoch", "test_accuracy"));
        }
        ResultFiles.WritePlot(options.PageDirectory, "table2-accuracy.png", "Output layer on fixed random features (paper 003, Table 2)",
            "epoch", "test accuracy", curves, yMin: 0.5, yMax: 1);
        return Table(["h", "SGD (Adam), EvoDsl", "paper", "SignSGD, EvoDsl", "paper", "DNN, EvoDsl", "paper", "budget", "training time"], rows)
               + "\nFull MNIST 0-9: all 60,000 training images, the 10,000 test images. The paper trained 500 epochs. "
               + "The DNN column uses the three-factor rule docs/dnn.md chose and measured against the variants (the paper's printed rule "
               + "does not learn as written); SignSGD and Adam use the rates docs/dnn.md picked. The plot shows seed 1 of each row.\n\n"
               + "![Test accuracy against epochs](table2-accuracy.png)\n"
               + Certainty(["h", "model"], measured);
    }

    // ---- Fig. 2: allele convergence of nne-mnist-0to4 ----

    private string Figure2(ReproductionTarget target, CancellationToken cancellation)
    {
        PaperResult alleles = target.Reported("alleles");
        var series = new List<ResultFiles.Series>();
        var rows = new List<string[]>();
        // The run records the curve at every evaluation, so it does not matter whether table1 took it further first.
        Outcome outcome = RunTo(alleles.Experiment, _budget.NneGenerations, seed: null, cancellation);
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
               + $"\nThe paper plots {alleles.Value.Text}.\n\n"
               + "![Allele convergence](fig2-alleles.png)\n";
    }

    // ---- Fig. 3: number of genes against accuracy, at the quick preset's sizes ----

    private string Figure3(ReproductionTarget target, CancellationToken cancellation)
    {
        PaperResult genes = target.Reported("genes");
        var rows = new List<string[]>();
        var series = new List<ResultFiles.Series>();
        foreach (string experiment in genes.ReproducedBy)
        {
            ExperimentDescriptor sweep = Declared(experiment);
            Outcome outcome = RunTo(experiment, _budget.GeneSweepGenerations, seed: null, cancellation);
            string digits = sweep.Data?.Digits ?? throw new EvoDslException($"'{experiment}' declares no MNIST digits; Fig. 3 is a sweep of NNE on MNIST");
            int n = sweep.Algorithm is NneSettings nne ? nne.Genes : throw new EvoDslException($"'{experiment}' is not an NNE experiment; Fig. 3 sweeps NNE's genes");
            rows.Add([digits, n.ToString(CultureInfo.InvariantCulture), Percent(outcome), Steps(outcome).ToString(CultureInfo.InvariantCulture), Seconds(outcome)]);
            series.Add(Curve($"{digits}, n = {n}", outcome, "generation", "test_accuracy"));
        }
        ResultFiles.WritePlot(options.PageDirectory, "fig3-genes.png", "Number of genes against accuracy (paper 003, Fig. 3)",
            "generation", "test accuracy", series, yMin: 0, yMax: 1);
        return Table(["digits", "genes n", "test accuracy", "generations", "training time"], rows)
               + $"\nAt the quick preset's sizes (H = 300, N = 200, 100 training images per digit), seed 1. The paper: {genes.Value.Text}. "
               + "One seed per n: NNE runs sit on plateaus while a class is still missing (docs/nne.md), so at a short budget the order across n "
               + "reflects when each run found its last class as much as n.\n\n"
               + "![Accuracy against generations for each n](fig3-genes.png)\n";
    }

    // ---- Neurashed (paper 002) ----

    /// <summary>A table of what the paper says next to what EvoDsl measured, one row per declared paper result.</summary>
    private static string Comparison(ReproductionTarget target, string[] header, params (string Row, string[] Measured)[] rows) =>
        Table(header, [.. rows.Select(r => (string[])[r.Row, target.Reported(r.Row).Value.Text, .. r.Measured])]);

    private string Figure5(ReproductionTarget target)
    {
        _trained = true; // the neurashed phenomena always run
        // The declared experiment, created through its catalog entry as the runner creates it, and measured by its own evaluations.
        string experiment = target.Experiments.Single();
        ExperimentDescriptor declared = Declared(experiment);
        RunContext context = new ExperimentRunner(console).LoadData(declared, RunOptions(output: null, seed: null, resume: false),
            (ulong)declared.Run.Seed, options.Threads ?? Environment.ProcessorCount);
        InformationBottleneckResult result;
        using (ITrainer trainer = declared.Create(context))
            result = InformationBottleneck.Measure(trainer, declared.Run.Steps, declared.Run.EvaluateEvery);
        PhenomenaFiles.Write(result, options.PageDirectory);
        return Comparison(target, ["quantity", "paper (Fig. 5)", "EvoDsl"],
                   ("I(level 2; input) peak", [$"{result.PeakInputBits:F2} bits at iteration {result.PeakIteration}"]),
                   ("I(level 2; input) at the end", [$"{result.FinalInputBits:F2} bits"]),
                   ("I(level 2; label) at the end", [$"{result.FinalLabelBits:F2} bits"]))
               + $"\nMeasured on the declared experiment `{experiment}` (experiments/EvoDsl.Experiments/NeurashedExperiments.cs), "
               + "created from its catalog entry as `run` creates it: the series are its own evaluations, the columns `run` writes to metrics.csv. "
               + "Estimator and choices: docs/neurashed.md.\n\n"
               + "![Mutual information against iterations](information-bottleneck.png)\n";
    }

    private string Elasticity(ReproductionTarget target)
    {
        _trained = true; // the neurashed phenomena always run
        var local = LocalElasticityExperiment.Run(new LocalElasticityOptions());
        PhenomenaFiles.Write(local, options.PageDirectory);
        var theoremOptions = new ElasticityTheoremsOptions();
        var theorems = ElasticityTheoremsExperiment.Run(theoremOptions);
        PhenomenaFiles.Write(theorems, theoremOptions, options.PageDirectory);
        var page = new StringBuilder();
        page.Append(Comparison(target, ["update at 1a, effect on", "paper (Fig. 2)", "EvoDsl mean LE", "median"],
            ("1b (same class, shared pathway)", [F(local.Mean1b), F(local.Median1b)]),
            ("class 2 (overlapping)", [F(local.Mean2), F(local.Median2)]),
            ("class 3 (disjoint)", [F(local.Mean3), F(local.Median3)])));
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

    private string ImplicitRegularization(ReproductionTarget target)
    {
        _trained = true; // the neurashed phenomena always run
        PaperResult sparsity = target.Reported("sparsity");
        var regularizationOptions = new ImplicitRegularizationOptions();
        var result = ImplicitRegularizationExperiment.Run(regularizationOptions);
        PhenomenaFiles.Write(result, regularizationOptions, options.PageDirectory);
        return Table(["batch size B", $"share of λ in the top 3 nodes", "normalised entropy of λ"],
                   result.Rows.Select(r => new[] { $"{r.BatchSize}", F(r.TopShare), F(r.NormalizedEntropy) }).ToList())
               + $"\nPaper ({sparsity.Source.Place}): {sparsity.Value.Text}.\n\n"
               + "![Sparsity against batch size](implicit-regularization.png)\n";
    }

    // ---- WANN (paper 001): accuracy of the champion at shared weights ----

    private string Wann(ReproductionTarget target, CancellationToken cancellation)
    {
        PaperResult ensemble = target.Reported("ensemble of weights");
        string experiment = ensemble.ReproducedBy.Contains(_budget.Wann)
            ? _budget.Wann
            : throw new InvalidOperationException($"budget '{_budget.Name}' runs '{_budget.Wann}', which the wann target does not declare");
        ExperimentDescriptor declared = Declared(experiment);
        var settings = declared.Algorithm as WannSettings ?? throw new EvoDslException($"'{experiment}' is not a WANN experiment");
        DataSettings data = declared.Data is { Images: MnistImages.Deskewed16 } mnist256
            ? mnist256
            : throw new EvoDslException($"'{experiment}' does not declare the paper's mnist256 images ([Mnist(Images = MnistImages.Deskewed16)])");
        Outcome outcome = RunTo(experiment, declared.Run.Steps, seed: null, cancellation);

        var champion = WannChampion.Read(Path.Combine(outcome.Directory, WannChampion.FileName), Mnist256.Pixels, DigitSet.Parse(data.Digits));
        File.Copy(Path.Combine(outcome.Directory, WannChampion.FileName), Path.Combine(options.PageDirectory, WannChampion.FileName), overwrite: true);
        WannChampionPicture.Write(options.PageDirectory, "wann-champion.png",
            $"Best network of {experiment} after {Steps(outcome)} generations: {champion.EnabledConnections.Count()} connections, {champion.Hidden.Count} hidden nodes",
            champion);
        double[] generations = [.. outcome.Metrics.Select(r => r["generation"])];
        ResultFiles.Series Against(string label, string metric) => new(label, generations, [.. outcome.Metrics.Select(r => r[metric])]);
        ResultFiles.WritePanels(options.PageDirectory, "wann-fitness.png", "generation",
        [
            ($"{experiment}: fitness (−cross-entropy, mean over the six weights)", [Against("best network", "best_mean_fitness"), Against("population mean", "population_mean_fitness")]),
            ("test accuracy of the best network", [Against("ensemble of the six weights", "test_accuracy_ensemble"),
                Against("best single weight", "test_accuracy_best_weight"), Against("mean over the six weights", "test_accuracy_mean_weight")]),
        ]);

        string spread = string.Create(CultureInfo.InvariantCulture,
            $"{Final(outcome, "test_accuracy_mean_weight") * 100:F2} ± {Final(outcome, "test_accuracy_std_weight") * 100:F2}");
        int depth = champion.Hidden.Count == 0 ? 0 : champion.Layers()[champion.OutputId(0)] - 1;
        string activations = string.Join(", ", champion.Hidden.GroupBy(n => n.Activation).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => $"{g.Key} {g.Count()}"));
        return Comparison(target, ["MNIST test accuracy (%)", "paper (Table 2)", "EvoDsl"],
                   ("random shared weight", [$"{spread} (mean ± s over the six shared weights)"]),
                   ("ensemble of weights", [Percent(outcome, "test_accuracy_ensemble")]),
                   ("best single weight", [Percent(outcome, "test_accuracy_best_weight")]),
                   ("trained weights", [TrainedWeights(outcome)]))
               + "\n"
               + Table(["experiment", "generations", "population", "batch", "connections", "hidden nodes", "layers of hidden nodes", "training time"],
                   [[$"`{experiment}`", $"{Steps(outcome)}", $"{settings.Population}", $"{settings.BatchSize} images", $"{Final(outcome, "connections"):F0}",
                     $"{Final(outcome, "hidden_nodes"):F0}", $"{depth}", Seconds(outcome)]])
               + $"\nThe best network is the one of highest mean fitness in the last generation, tested on the 10,000 test images (16 × 16, deskewed) "
               + "at each of the six shared weights w ∈ {−2, −1, −0.5, 0.5, 1, 2}. The paper's random-weight figure draws w from U(−2, 2); "
               + "EvoDsl's is the mean ± sample standard deviation over the six weights. The ensemble is the argmax of the softmax summed over the six "
               + "weights (the reference code does not compute it; docs/wann.md). Trained weights: the best network's topology with a weight per connection, "
               + $"trained by Adam ({WannEvolution.TrainingEpochs} epochs, mini-batches of {WannEvolution.TrainingBatch}, step {WannEvolution.TrainingRate}) "
               + "from its best shared weight on the training set (the reference fine-tunes with its WANNTool). The paper ran population 960, batch 1000, 4096 generations (`wann-mnist256`, the standard budget).\n\n"
               + $"Hidden nodes by activation: {(activations.Length == 0 ? "none" : activations)}. The network is in `{WannChampion.FileName}`.\n\n"
               + "![Fitness and test accuracy against generations](wann-fitness.png)\n\n"
               + "The best network: the 16 × 16 inputs (black: a pixel with a connection), hidden nodes by layer (a node one past its deepest hidden source), "
               + "named by activation, the outputs labelled with their digits; lines are the enabled connections, all carrying the one shared weight.\n\n"
               + "![The best network](wann-champion.png)\n";
    }

    /// <summary>The test accuracy of the best network with trained weights, from its run's wann-trained-weights.csv.</summary>
    private static string TrainedWeights(Outcome outcome)
    {
        string file = Path.Combine(outcome.Directory, "wann-trained-weights.csv");
        if (!File.Exists(file))
            return "not in this run's results";
        string[] lines = File.ReadAllLines(file);
        double accuracy = double.Parse(lines[1].Split(',')[^1], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{accuracy * 100:F2}");
    }

    // ---- running and reading experiments ----

    /// <summary>A finished run as its results folder records it.</summary>
    private sealed record Outcome(string Directory, int Steps, IReadOnlyList<Dictionary<string, double>> Metrics, double TrainingSeconds)
    {
        /// <summary>The run as it stood at <paramref name="steps"/>: its metrics up to that step, and the training time they record.</summary>
        public Outcome Upto(int steps, string stepNoun)
        {
            if (Steps <= steps)
                return this;
            Dictionary<string, double>[] kept = [.. Metrics.Where(row => row.TryGetValue(stepNoun, out double step) && step <= steps)];
            return kept.Length == 0
                ? throw new EvoDslException($"'{Directory}' has no evaluation at or before {stepNoun} {steps}; delete that folder and reproduce again")
                : new Outcome(Directory, (int)kept[^1][stepNoun], kept, kept[^1].GetValueOrDefault(ExperimentRunner.SecondsColumn));
        }
    }

    private ExperimentDescriptor Declared(string name) => EvoDslHost.Find(catalog, name);

    private string Output(string experiment, int? seed) =>
        seed is null ? Path.Combine(options.ResultsDirectory, experiment) : Path.Combine(options.ResultsDirectory, experiment, $"seed-{seed}");

    /// <summary>
    /// Brings <paramref name="experiment"/> to <paramref name="steps"/> steps: nothing to do when its results
    /// already reach them, a resumed run when a checkpoint exists, else a new run.
    /// </summary>
    /// <param name="again">Run it from the start even when its results reach the steps (they were made from inputs that have changed since).</param>
    private Outcome RunTo(string experiment, int steps, int? seed, CancellationToken cancellation, bool again = false)
    {
        if (options.Cluster is not null && !again)
            return OnCluster([(experiment, steps, seed)], cancellation)[0];
        ExperimentDescriptor descriptor = Declared(experiment);
        string output = Output(experiment, seed);
        Outcome? done = Read(output);
        if (again || done is null || done.Steps < steps)
        {
            // A run with a readable checkpoint continues; results without one, or with one this version cannot
            // read (an earlier format, damaged), cannot, so the run starts again and replaces them.
            string checkpoint = Path.Combine(output, Checkpoint.FileName);
            bool resume = !again && File.Exists(checkpoint);
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

    /// <summary>Brings <paramref name="experiment"/> to <paramref name="steps"/> steps with each of the budget's seeds 1…<see cref="ReproductionBudget.Seeds"/>.</summary>
    private Outcome[] RunSeeds(string experiment, int steps, CancellationToken cancellation) => options.Cluster is null
        ? [.. Enumerable.Range(1, _budget.Seeds).Select(seed => RunTo(experiment, steps, seed, cancellation))]
        : OnCluster([.. Enumerable.Range(1, _budget.Seeds).Select(seed => (experiment, steps, (int?)seed))], cancellation);

    /// <summary>Whether the results in <paramref name="output"/> were written before those in <paramref name="source"/> (both finished).</summary>
    private static bool OlderThan(string output, string source)
    {
        string mine = Path.Combine(output, "summary.json"), theirs = Path.Combine(source, "summary.json");
        return File.Exists(mine) && File.Exists(theirs) && File.GetLastWriteTimeUtc(mine) < File.GetLastWriteTimeUtc(theirs);
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

    /// <summary>A cell of a paper's table and EvoDsl's runs of it: one, one per seed, or none at a budget that leaves it out.</summary>
    private sealed record Cell(PaperResult Paper, IReadOnlyList<Outcome> Runs);

    /// <summary>The final test accuracies in percent of the runs of one cell, over their seeds.</summary>
    private static SeedSummary Summary(IReadOnlyList<Outcome> runs) => SeedSummary.Of([.. runs.Select(run => Final(run) * 100)]);

    /// <summary>The test accuracy in percent of one run, or the mean ± sample standard deviation over seeds.</summary>
    private static string Accuracy(IReadOnlyList<Outcome> runs) =>
        Summary(runs) is { HasInterval: true } summary
            ? string.Create(CultureInfo.InvariantCulture, $"{summary.Mean:F2} ± {summary.StandardDeviation:F2}")
            : Percent(runs[0]);

    /// <summary>
    /// How sure each number is: per cell of the paper's table, EvoDsl's mean ± s over its seeds, the 95% Student-t
    /// interval of the mean, and whether the paper's value lies in it.
    /// </summary>
    private string Certainty(string[] names, IReadOnlyList<Cell> cells)
    {
        var rows = new List<string[]>();
        foreach (Cell cell in cells)
        {
            string[] name = [cell.Paper.Source.Row, cell.Paper.Source.Column ?? ""];
            if (cell.Runs.Count == 0)
            {
                rows.Add([.. name, "0", "not run at this budget", "", cell.Paper.Value.Text, ""]);
                continue;
            }
            SeedSummary summary = Summary(cell.Runs);
            double paper = cell.Paper.Value is ReportedPercent percent
                ? percent.Value
                : throw new InvalidOperationException($"{cell.Paper.Source.Place}, {cell.Paper.Source.Row}: the paper reports no percentage to set inside an interval");
            rows.Add(summary.HasInterval
                ? [.. name, $"{summary.Count}", Accuracy(cell.Runs), string.Create(CultureInfo.InvariantCulture, $"[{summary.Low:F2}, {summary.High:F2}]"),
                   cell.Paper.Value.Text, summary.Contains(paper) ? "yes" : "no"]
                : [.. name, "1", Accuracy(cell.Runs), "1 seed: no interval", cell.Paper.Value.Text, "—"]);
        }
        return "\n## How sure each number is\n\n"
               + Table([.. names, "seeds", "EvoDsl: mean ± s", "95% CI of the mean", "paper", "paper inside CI"], rows)
               + "\ns is the sample standard deviation over the seeds (n − 1 in the denominator); the interval is mean ± t·s/√n with t the "
               + string.Create(CultureInfo.InvariantCulture, $"0.975 quantile of Student's t with n − 1 degrees of freedom (MathNet.Numerics; {SeedSummary.Quantile(Math.Max(2, _budget.Seeds)):F3} for {Math.Max(2, _budget.Seeds)} seeds). A seed draws every random ")
               + "choice of its run (random layer or network, initial weights, epoch order). The paper's ± is not used: its value is "
               + "compared with EvoDsl's interval. Percent of the test set.\n";
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

    private string Header(ReproductionTarget target, TimeSpan elapsed)
    {
        string command = $"dotnet run --project experiments/EvoDsl.Experiments -c Release -- reproduce {target.Name} --budget {_budget.Name}";
        string results = Path.GetRelativePath(Environment.CurrentDirectory, options.ResultsDirectory);
        string timing = _trained
            ? $"this invocation took {FormatDuration(elapsed.TotalSeconds)} (runs it found finished were read, not rerun; the training times are the runs' own)"
            : "every MNIST run it needed had finished in an earlier invocation with this budget and was read; the training times are the runs' own";
        return string.Create(CultureInfo.InvariantCulture,
            $"# {target.Title}\n\nProduced by `{command}` on {DateTime.UtcNow:yyyy-MM-dd} ({Kernels.MachineInfo.Description}); "
            + $"{timing}. The runs' folders are under `{results}/`.\n\n");
    }

    /// <summary>README.md of the results folder: every page written so far, in target order.</summary>
    private void WriteIndex()
    {
        var index = new StringBuilder("# EvoDsl results\n\nEach page was written by `reproduce TARGET`; it names its command, budget and date.\n\n");
        index.Append("Budgets (`--budget`): generations of the paper-size NNE runs / Fig. 2 snapshots / generations of each Fig. 3 run / "
                     + "epochs of Table 2 at h = 1000 / at h = 100,000 / epochs of Table 1's SGD row × seeds "
                     + "(Table 1's NNE and SGD rows, Table 2's h = 1000 rows, the NNE study and the GP page run over them and report a 95% interval); the WANN preset, run as declared; "
                     + "generations of each run of the NNE study; the GP preset, run as declared with and without crossover over the seeds.\n\n");
        foreach (ReproductionBudget b in ReproductionBudget.All)
            index.Append(CultureInfo.InvariantCulture,
                $"- `{b.Name}`: {b.NneGenerations} / {string.Join(", ", b.AlleleSnapshots)} / {b.GeneSweepGenerations} / {b.OutputLayerEpochs} / {(b.KCapEpochs == 0 ? "not run" : b.KCapEpochs)} / {b.SparseSgdEpochs} × {b.Seeds}; `{b.Wann}`; {b.StudyGenerations}; `{b.Gp}`\n");
        index.Append('\n');
        foreach (ReproductionTarget target in Targets)
        {
            if (File.Exists(Path.Combine(options.PageDirectory, target.Name + ".md")))
                index.Append(CultureInfo.InvariantCulture, $"- [{target.Title}]({target.Name}.md)\n");
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
    string? MnistCache = null,
    string? Cluster = null);
