using System.Globalization;
using System.Text;
using EvoDsl.Gp;
using static System.FormattableString;

namespace EvoDsl.Hosting;

/// <summary>
/// The GP page (issue 20): the budget's GP preset with crossover and its mutation-only twin over the seeds, the
/// difference in test accuracy with Welch's interval, fitness and program size against generations, the anchors,
/// and the best program.
/// </summary>
public sealed partial class Reproduction
{
    private const string MutationOnly = "-mutation-only";

    private string Gp(ReproductionTarget target, CancellationToken cancellation)
    {
        string crossoverName = _budget.Gp, mutationName = _budget.Gp + MutationOnly;
        ExperimentDescriptor crossover = Declared(crossoverName), mutation = Declared(mutationName);
        Outcome[] withCrossover = RunSeeds(crossoverName, crossover.Run.Steps, cancellation);
        Outcome[] mutationOnly = RunSeeds(mutationName, mutation.Run.Steps, cancellation);
        var settings = (GpSettings)crossover.Algorithm;
        SeedSummary crossed = Summary(withCrossover), mutated = Summary(mutationOnly);

        var rows = new List<string[]>
        {
            GpRow(crossover, withCrossover),
            GpRow(mutation, mutationOnly),
        };
        SeedSummary crossedFitness = SeedSummary.Of([.. withCrossover.Select(run => Final(run, "best_fitness"))]);
        SeedSummary mutatedFitness = SeedSummary.Of([.. mutationOnly.Select(run => Final(run, "best_fitness"))]);
        string difference = crossed.HasInterval && mutated.HasInterval
            ? DifferenceSentence("test accuracy", "points", crossed.DifferenceFrom(mutated), "F2") + " "
              + DifferenceSentence("the best fitness at the end", "", crossedFitness.DifferenceFrom(mutatedFitness), "F3")
            : "One seed a variant: no interval of the difference.";

        ResultFiles.WritePanels(options.PageDirectory, "gp-ablation.png", "generation",
        [
            ("test accuracy of the fittest program (mean over seeds)",
                [MeanCurve("crossover", withCrossover, "test_accuracy"), MeanCurve("mutation only", mutationOnly, "test_accuracy")]),
            ("fitness: −cross-entropy on the generation's batch (mean over seeds)",
                [MeanCurve("crossover, best", withCrossover, "best_fitness"), MeanCurve("mutation only, best", mutationOnly, "best_fitness")]),
            ("program size: nodes over the 10 trees (mean over seeds)",
                [MeanCurve("crossover, fittest", withCrossover, "best_size"), MeanCurve("crossover, population mean", withCrossover, "population_mean_size"),
                 MeanCurve("mutation only, fittest", mutationOnly, "best_size"), MeanCurve("mutation only, population mean", mutationOnly, "population_mean_size")]),
        ]);

        var page = new StringBuilder();
        page.Append("## Crossover against mutation only\n\n");
        page.Append($"Seed 000's claim: {target.Reported("crossover").Value.Text}.\n\n");
        page.Append(Table(["variant", "experiment", "test accuracy: mean ± s", "95% CI of the mean", "best fitness (mean)", "size of the fittest (mean)",
            "population mean size (mean)", "training time (all seeds)"], rows));
        page.Append(Invariant($"\nSeeds 1-{_budget.Seeds}, {crossover.Run.Steps} generations each: {settings.Population} individuals scored on {settings.BatchSize} training images "));
        page.Append(Invariant($"drawn anew each generation, tournaments of {settings.TournamentSize}, the fittest {settings.EliteRatio * 100:0.##}% kept, trees of at most "));
        page.Append(Invariant($"{settings.MaxSize} nodes and depth {settings.MaxDepth}. Crossover: a child is a subtree crossover with chance {settings.Crossover}, a subtree "));
        page.Append(Invariant($"mutation with {settings.Mutation}, a copy otherwise; mutation only: {((GpSettings)mutation.Algorithm).Mutation} and none, the same share of "));
        page.Append("children changed. Test accuracy in percent of the 10,000 test images, of the individual with the best fitness on the last batch. "
            + $"{difference}\n\n");
        page.Append("![Test accuracy, fitness and program size against generations](gp-ablation.png)\n\n");

        page.Append("## Simple programs first?\n\n");
        page.Append($"Seed 000: {target.Reported("program size").Value.Text}.\n\n");
        page.Append(SizeTable(withCrossover, mutationOnly, crossover.Run.Steps));
        page.Append("\nThe fittest individual's size (nodes over its 10 trees) and test accuracy, means over the seeds, at a few generations. "
                    + "The starting trees are ramped half-and-half over depths 2 to " + settings.InitialDepth.ToString(CultureInfo.InvariantCulture)
                    + "; growth is capped by the size and depth limits (a child past them is its parent's copy).\n\n");

        page.Append("## Next to the anchors\n\n");
        PaperResult ha = target.Reported("simple GA on a small convnet's weights"), wann = target.Reported("WANN, ensemble of weights"),
            linear = target.Reported("linear classifier");
        page.Append(Table(["model on MNIST 0-9", "test accuracy (%)", "source", "budget"],
        [
            ["GP, crossover (EvoDsl)", Accuracy(withCrossover), "this page",
                $"{crossover.Run.Steps} generations × {settings.Population} programs × {settings.BatchSize} images, seeds 1-{_budget.Seeds}, {Seconds(withCrossover)} of training"],
            ["GP, mutation only (EvoDsl)", Accuracy(mutationOnly), "this page", $"the same, {Seconds(mutationOnly)}"],
            ["simple genetic algorithm on a small convnet's weights", ha.Value.Text, "Ha (2017), seed 000's anchor", "—"],
            ["WANN, ensemble of six shared weights", wann.Value.Text, "paper 001, Table 2 (EvoDsl's run: [wann.md](wann.md))", "—"],
            ["linear classifier", linear.Value.Text, "paper 001, Table 2", "—"],
        ]));

        string bestFile = Path.Combine(withCrossover[0].Directory, GpEvolution.BestProgramFile);
        page.Append("\n## The best program\n\n");
        page.Append(File.Exists(bestFile)
            ? $"Seed 1 with crossover, at the end; one tree per digit, its output the digit's logit (pixels p0-p255 of the 16 × 16 deskewed image, row by row):\n\n```\n{File.ReadAllText(bestFile).TrimEnd()}\n```\n"
            : $"`{bestFile}` is missing (the run was written by an earlier EvoDsl); run `gp-mnist256` again to print it.\n");
        return page.ToString();
    }

    private string[] GpRow(ExperimentDescriptor experiment, Outcome[] runs)
    {
        SeedSummary summary = Summary(runs);
        return
        [
            ((GpSettings)experiment.Algorithm).Crossover > 0 ? "crossover" : "mutation only",
            $"`{experiment.Name}`",
            Accuracy(runs),
            summary.HasInterval ? string.Create(CultureInfo.InvariantCulture, $"[{summary.Low:F2}, {summary.High:F2}]") : "1 seed: no interval",
            runs.Average(run => Final(run, "best_fitness")).ToString("F3", CultureInfo.InvariantCulture),
            runs.Average(run => Final(run, "best_size")).ToString("F0", CultureInfo.InvariantCulture),
            runs.Average(run => Final(run, "population_mean_size")).ToString("F0", CultureInfo.InvariantCulture),
            Seconds(runs),
        ];
    }

    private static string DifferenceSentence(string what, string unit, (double Difference, double Low, double High) welch, string format) =>
        $"In {what}, crossover minus mutation only: {Signed(welch.Difference, format)}{(unit.Length > 0 ? " " + unit : "")}, Welch's 95% interval "
        + $"[{welch.Low.ToString(format, CultureInfo.InvariantCulture)}, {welch.High.ToString(format, CultureInfo.InvariantCulture)}]: "
        + (welch.Low > 0 ? "crossover is ahead beyond the seeds' spread."
           : welch.High < 0 ? "mutation only is ahead beyond the seeds' spread."
           : "the interval holds 0, so at this budget the seeds cannot tell the two apart.");

    private static string Signed(double value, string format) =>
        (value >= 0 ? "+" : "−") + Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Size and test accuracy of the fittest program at generation 0, a tenth, a half and the end, means over seeds.</summary>
    private static string SizeTable(Outcome[] crossover, Outcome[] mutationOnly, int generations)
    {
        // The marks are read at the last evaluation at or before them, and labelled with that evaluation's generation.
        int[] marks = [.. new[] { 0, generations / 10, generations / 2, generations }
            .Select(mark => (int)(crossover[0].Metrics.LastOrDefault(row => row["generation"] <= mark)?["generation"] ?? 0)).Distinct()];
        string At(Outcome[] runs, string metric, int generation, string format) =>
            runs.Average(run => run.Metrics.LastOrDefault(row => row["generation"] <= generation)?[metric] ?? double.NaN)
                .ToString(format, CultureInfo.InvariantCulture);
        var rows = marks.Select(g => new[]
        {
            g.ToString(CultureInfo.InvariantCulture),
            At(crossover, "best_size", g, "F0"), At(crossover, "population_mean_size", g, "F0"), At(crossover, "test_accuracy", g, "P1"),
            At(mutationOnly, "best_size", g, "F0"), At(mutationOnly, "population_mean_size", g, "F0"), At(mutationOnly, "test_accuracy", g, "P1"),
        }).ToList();
        return Table(["generation", "crossover: fittest's size", "population mean", "test accuracy", "mutation only: fittest's size", "population mean", "test accuracy"], rows);
    }
}
