using System.Globalization;
using EvoDsl.Nne;

namespace EvoDsl.Hosting;

/// <summary>
/// The NNE study of issue 17: one declaration per choice the paper leaves open (or its reward), each against the
/// defaults at the quick preset's sizes on MNIST 0-9, over the budget's seeds.
/// </summary>
public sealed partial class Reproduction
{
    /// <summary>The defaults first (the Fig. 3 run with n = 1000 declares them), then one change each.</summary>
    private static string[] StudyExperiments =>
    [
        "nne-genes-0to9-n1000",
        "nne-study-0to9-gain4", "nne-study-0to9-gain16",
        "nne-study-0to9-selection20", "nne-study-0to9-selection1000",
        "nne-study-0to9-empty-zero",
        "nne-study-0to9-reward-linear", "nne-study-0to9-reward-likelihood",
    ];

    /// <summary>The test accuracy a run counts as "reached" in the time-to-accuracy column.</summary>
    private const double StudyMark = 0.5;

    private string NneStudy(ReproductionTarget target, CancellationToken cancellation)
    {
        PaperResult study = target.Reported("open choices");
        ExperimentDescriptor defaults = Declared(study.ReproducedBy[0]);
        var rows = new List<string[]>();
        var series = new List<ResultFiles.Series>();
        foreach (string experiment in study.ReproducedBy)
        {
            Outcome[] runs = RunSeeds(experiment, _budget.StudyGenerations, cancellation);
            string setting = experiment == study.ReproducedBy[0] ? Defaults(defaults) : Setting(Declared(experiment), defaults);
            SeedSummary final = Summary(runs);
            rows.Add(
            [
                setting,
                $"`{experiment}`",
                Mean(runs, "test_accuracy", _budget.StudyGenerations / 2),
                Accuracy(runs),
                final.HasInterval ? string.Create(CultureInfo.InvariantCulture, $"[{final.Low:F2}, {final.High:F2}]") : "1 seed: no interval",
                Mean(runs, "test_accuracy_mean_field"),
                Mean(runs, "alleles_within_0.05"),
                Reached(runs),
                Seconds(runs),
            ]);
            series.Add(MeanCurve(setting.Replace("`", "", StringComparison.Ordinal), runs, "test_accuracy"));
        }
        ResultFiles.WritePlot(options.PageDirectory, "nne-study.png", "NNE on MNIST 0-9, quick sizes: mean test accuracy over seeds",
            "generation", "test accuracy (W·round(p))", series, yMin: 0, yMax: 1);
        int half = _budget.StudyGenerations / 2;
        return Table(["setting", "experiment", $"test at {half} (mean)", $"test at {_budget.StudyGenerations}: mean ± s", "95% CI of the mean",
                   "W·p (mean)", "alleles within 0.05 (mean)", $"generation reaching {StudyMark * 100:F0}%", "training time (all seeds)"], rows)
               + string.Create(CultureInfo.InvariantCulture,
                   $"\nEach row changes one choice against the first (H = 300, N = 200, n = 1000, β = 0.0025, 100 training images per digit), seeds 1-{_budget.Seeds}, ")
               + $"{_budget.StudyGenerations} generations each. Test accuracy in percent with W·round(p) on the 10,000 test images; \"W·p\" and the alleles "
               + "within 0.05 of 0 or 1 (the paper's Fig. 2 statistic) are means at the end. The generation reaching the mark is the first evaluation at or "
               + "above it, as the mean over the seeds that reached it and how many did. The interval is mean ± t·s/√n (Student t, MathNet.Numerics). "
               + $"The paper: {study.Value.Text}. What the study concludes is in docs/nne.md.\n\n"
               + "![Mean test accuracy against generations, one curve per setting](nne-study.png)\n";
    }

    /// <summary>What <paramref name="study"/> declares otherwise than <paramref name="defaults"/>, in the declaration's terms.</summary>
    private static string Setting(ExperimentDescriptor study, ExperimentDescriptor defaults)
    {
        if (study.Algorithm is not NneSettings changed || defaults.Algorithm is not NneSettings baseline)
            return study.Description;
        var differences = new List<string>();
        if (changed.WeightGain != baseline.WeightGain)
            differences.Add($"WeightGain {F(changed.WeightGain)}");
        if (changed.Selection != baseline.Selection)
            differences.Add($"ε = {F(changed.Selection)}");
        if (changed.EmptySide != baseline.EmptySide)
            differences.Add($"EmptySide.{changed.EmptySide}");
        if (changed.FitnessHook != baseline.FitnessHook)
            differences.Add($"reward `{changed.FitnessHook}`");
        if (changed with { WeightGain = baseline.WeightGain, Selection = baseline.Selection, EmptySide = baseline.EmptySide, FitnessHook = baseline.FitnessHook } != baseline)
            differences.Add("other sizes");
        return differences.Count == 0 ? "as the defaults" : string.Join(", ", differences);
    }

    /// <summary>The first row's setting: the defaults' values of what the other rows change.</summary>
    private static string Defaults(ExperimentDescriptor defaults) => defaults.Algorithm is NneSettings settings
        ? $"defaults: WeightGain {F(settings.WeightGain)}, ε = {F(settings.Selection)}, EmptySide.{settings.EmptySide}, "
          + (settings.FitnessHook is null ? "reward max{0, α² − L²}" : $"reward `{settings.FitnessHook}`")
        : defaults.Description;

    /// <summary>
    /// The mean over seeds of <paramref name="metric"/> at the last evaluation at or before <paramref name="generation"/> (by
    /// default the run's last), in percent; "—" when a run did not record it.
    /// </summary>
    private static string Mean(Outcome[] runs, string metric, int generation = int.MaxValue)
    {
        double[] values = [.. runs.Select(run => run.Metrics.LastOrDefault(row => row["generation"] <= generation)?.GetValueOrDefault(metric, double.NaN) ?? double.NaN)];
        return values.Any(double.IsNaN) ? "—" : (values.Average() * 100).ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <summary>The first evaluated generation at or above <see cref="StudyMark"/>, averaged over the seeds that reached it.</summary>
    private static string Reached(Outcome[] runs)
    {
        double[] reached = [.. runs.Select(run => run.Metrics.FirstOrDefault(row => row["test_accuracy"] >= StudyMark)?["generation"] ?? double.NaN)
                                   .Where(generation => !double.IsNaN(generation))];
        return reached.Length == 0
            ? $"none of {runs.Length}"
            : string.Create(CultureInfo.InvariantCulture, $"{reached.Average():F0} ({reached.Length} of {runs.Length})");
    }

    /// <summary>The mean over seeds of <paramref name="metric"/> at each evaluation all of them reached.</summary>
    private static ResultFiles.Series MeanCurve(string label, Outcome[] runs, string metric)
    {
        int points = runs.Min(run => run.Metrics.Count);
        return new(label,
            [.. runs[0].Metrics.Take(points).Select(row => row["generation"])],
            [.. Enumerable.Range(0, points).Select(i => runs.Average(run => run.Metrics[i][metric]))]);
    }
}
