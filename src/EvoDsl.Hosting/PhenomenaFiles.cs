using EvoDsl.Neurashed.Phenomena;
using ScottPlot;

namespace EvoDsl.Hosting;

/// <summary>The CSV tables and PNG plots of paper 002's phenomena, for their results pages.</summary>
public static class PhenomenaFiles
{
    public static void Write(InformationBottleneckResult result, string directory)
    {
        var s = result.Series;
        ResultFiles.WriteCsv(directory, "information-bottleneck.csv",
            ["iteration", "level1_input_bits", "level1_label_bits", "level2_input_bits", "level2_label_bits", "level3_input_bits", "level3_label_bits"],
            s.Select(p => (IReadOnlyList<double>)[p.Iteration, p.Level1Input, p.Level1Label, p.Level2Input, p.Level2Label, p.Level3Input, p.Level3Label]));
        ResultFiles.WriteLinePlot(directory, "information-bottleneck.png",
            "Neurashed information bottleneck (paper 002, Fig. 5)", "iteration", "mutual information (bits)",
            s.Select(p => (double)p.Iteration).ToArray(),
            [
                ("I(level 1; input)", s.Select(p => p.Level1Input).ToArray()),
                ("I(level 1; label)", s.Select(p => p.Level1Label).ToArray()),
                ("I(level 2; input)", s.Select(p => p.Level2Input).ToArray()),
                ("I(level 2; label)", s.Select(p => p.Level2Label).ToArray()),
                ("I(logits; input)", s.Select(p => p.Level3Input).ToArray()),
                ("I(logits; label)", s.Select(p => p.Level3Label).ToArray()),
            ], yMin: 0, yMax: 3.1);
    }

    public static void Write(LocalElasticityResult result, string directory)
    {
        ResultFiles.WriteCsv(directory, "local-elasticity.csv", ["trial", "pretraining", "le_1a_1b", "le_1a_2", "le_1a_3"],
            result.Trials.Select(r => (IReadOnlyList<double>)[r.Trial, r.Pretraining, r.To1b, r.To2, r.To3]));
        // log10: the three pairs differ by orders of magnitude.
        ResultFiles.WriteHistogram(directory, "local-elasticity.png",
            "Local elasticity of an update at 1a (paper 002, eq. 3.1)", "log10 LE(1a, x')",
            [
                ("x' = 1b (same class)", result.Trials.Select(r => Math.Log10(r.To1b)).ToArray()),
                ("x' = class 2 (similar)", result.Trials.Select(r => Math.Log10(r.To2)).ToArray()),
                ("x' = class 3 (dissimilar)", result.Trials.Select(r => Math.Log10(r.To3)).ToArray()),
            ], bins: 60);
    }

    public static void Write(ElasticityTheoremsResult result, ElasticityTheoremsOptions options, string directory)
    {
        var t1 = result.Theorem1;
        ResultFiles.WriteCsv(directory, "theorem1.csv", ["b1", "b2", "limit_b1_plus_b2_over_b1", "exact_t", "measured_eta_fixed", "measured_eta_trained"],
            t1.Select(r => (IReadOnlyList<double>)[r.Shared, r.PerClass, r.Limit, r.Exact, r.Measured, r.MeasuredEtaTrained]));
        double top = t1.Max(r => Math.Max(r.Limit, r.MeasuredEtaTrained)) * 1.05;
        ResultFiles.WritePlot(directory, "theorem1.png",
            $"Theorem 1: ΔZj/ΔZj' after t = {options.Epochs} epochs (m = {options.Width}, K = {options.Classes}, L = {options.Levels})",
            "(b1 + b2) / b1", "measured ΔZj / ΔZj'",
            [
                new("y = x (the theorem's limit)", [1, top], [1, top]),
                new("η fixed, as the theorem", t1.Select(r => r.Limit).ToArray(), t1.Select(r => r.Measured).ToArray(), Line: false, Markers: true),
                new("η trained by the same rule", t1.Select(r => r.Limit).ToArray(), t1.Select(r => r.MeasuredEtaTrained).ToArray(), Line: false, Markers: true),
            ], legend: Alignment.UpperLeft);

        var t2 = result.Theorem2;
        ResultFiles.WriteCsv(directory, "theorem2.csv", ["levels", "epochs", "measured", "exact"],
            t2.Select(r => (IReadOnlyList<double>)[r.Levels, r.Epochs, r.Measured, r.Exact]));
        var (b1, b2) = options.Theorem2Sizes;
        ResultFiles.WritePlot(directory, "theorem2.png",
            $"Theorem 2: ΔZj/ΔZj' against the number of levels L (b1 = {b1}, b2 = {b2})", "levels L", "measured ΔZj / ΔZj'",
            t2.GroupBy(r => r.Epochs)
              .Select(g => new ResultFiles.Series($"t = {g.Key} epochs", g.Select(r => (double)r.Levels).ToArray(), g.Select(r => r.Measured).ToArray(), Markers: true))
              .Append(new ResultFiles.Series("(b1 + b2) / b1", [options.Theorem2Levels.Min(), options.Theorem2Levels.Max()], [(b1 + b2) / (double)b1, (b1 + b2) / (double)b1]))
              .ToArray(), legend: Alignment.UpperLeft);
    }

    public static void Write(ImplicitRegularizationResult result, ImplicitRegularizationOptions options, string directory)
    {
        var rows = result.Rows;
        ResultFiles.WriteCsv(directory, "implicit-regularization.csv", ["batch_size", $"top{options.TopK}_share", "normalized_entropy"],
            rows.Select(r => (IReadOnlyList<double>)[r.BatchSize, r.TopShare, r.NormalizedEntropy]));
        var log2B = rows.Select(r => Math.Log2(r.BatchSize)).ToArray();
        ResultFiles.WritePlot(directory, "implicit-regularization.png",
            $"Learned pathway sparsity against batch size after {options.Iterations} updates (paper 002, Figs. 3-4)",
            "log2 batch size", "per class block of a level",
            [
                new($"share of λ in the top {options.TopK} nodes (1 = sparse)", log2B, rows.Select(r => r.TopShare).ToArray(), Markers: true),
                new("normalised entropy of λ (1 = dense)", log2B, rows.Select(r => r.NormalizedEntropy).ToArray(), Markers: true),
            ], yMin: 0, yMax: 1.05, legend: Alignment.MiddleLeft);
    }
}
