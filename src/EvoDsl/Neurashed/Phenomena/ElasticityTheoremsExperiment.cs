using EvoDsl.Training;

namespace EvoDsl.Neurashed.Phenomena;

/// <summary>The knobs of the Theorem 1-2 runs on random neurashed graphs.</summary>
public sealed record ElasticityTheoremsOptions
{
    /// <summary>m, nodes per level: large enough that the classes' random node sets rarely overlap.</summary>
    public int Width { get; init; } = 1000;

    /// <summary>K.</summary>
    public int Classes { get; init; } = 3;

    /// <summary>L for Theorem 1 (three feature levels and the classes).</summary>
    public int Levels { get; init; } = 4;

    /// <summary>The (b1, b2) pairs of Theorem 1.</summary>
    public IReadOnlyList<(int Shared, int PerClass)> Sizes { get; init; } = [(2, 2), (4, 2), (2, 4), (4, 4), (8, 4), (2, 8), (4, 8)];

    /// <summary>t: training epochs before the measured update; each epoch shows every class once (balanced classes, B = 1).</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>The L values of Theorem 2.</summary>
    public IReadOnlyList<int> Theorem2Levels { get; init; } = [2, 3, 4, 6, 8, 10, 12, 16];

    /// <summary>The t values of Theorem 2: the ratio grows with L faster when t is small against L.</summary>
    public IReadOnlyList<int> Theorem2Epochs { get; init; } = [2, 10, 50];

    /// <summary>(b1, b2) for Theorem 2.</summary>
    public (int Shared, int PerClass) Theorem2Sizes { get; init; } = (2, 4);

    public ulong Seed { get; init; } = 1;
}

/// <summary>
/// One (b1, b2) of Theorem 1: the limit (b1 + b2)/b1, the exact value for t epochs on non-overlapping
/// class sets, and the measured ΔZ_j/ΔZ_j' with η fixed (the theorem) and with η trained by the same rule.
/// </summary>
public readonly record struct Theorem1Row(int Shared, int PerClass, double Limit, double Exact, double Measured, double MeasuredEtaTrained);

/// <summary>One (L, t) of Theorem 2: the measured ratio and the exact non-overlapping value.</summary>
public readonly record struct Theorem2Row(int Levels, int Epochs, double Measured, double Exact);

public sealed record ElasticityTheoremsResult(IReadOnlyList<Theorem1Row> Theorem1, IReadOnlyList<Theorem2Row> Theorem2);

/// <summary>
/// Theorems 1 and 2 of paper 002 (appendix) on <see cref="RandomNeurashed"/> graphs, with
/// g+(x) = x + c (c = 2 &gt; 1), g−(x) = x and balanced classes. After t epochs, one update at class j
/// changes class j's own logit on its input by ΔZ_j and class j''s logit on its input by ΔZ_j';
/// Theorem 1: ΔZ_j/ΔZ_j' → (b1 + b2)/b1; Theorem 2: the ratio grows without bound with L.
/// </summary>
public static class ElasticityTheoremsExperiment
{
    /// <summary>c = 2 of g+(x) = x + c; g−(x) = x − 0.</summary>
    public readonly struct TheoremConstants : IRuleConstants
    {
        public static double Grow => 2;

        public static double Shrink => 0;
    }

    private const double C = 2;

    /// <summary>Runs both theorems.</summary>
    public static ElasticityTheoremsResult Run(ElasticityTheoremsOptions options)
    {
        var theorem1 = options.Sizes.Select(size =>
        {
            var graph = RandomNeurashed.Create(options.Levels, options.Width, options.Classes, size.Shared, size.PerClass, options.Seed);
            return new Theorem1Row(size.Shared, size.PerClass, (size.Shared + size.PerClass) / (double)size.Shared,
                Exact(size.Shared, size.PerClass, options.Classes, options.Levels, options.Epochs),
                Measure<Unchanged>(graph, options.Epochs, options.Seed),
                Measure<Additive<TheoremConstants>>(graph, options.Epochs, options.Seed));
        }).ToArray();

        var (b1, b2) = options.Theorem2Sizes;
        var theorem2 = (from epochs in options.Theorem2Epochs
                        from levels in options.Theorem2Levels
                        let graph = RandomNeurashed.Create(levels, options.Width, options.Classes, b1, b2, options.Seed)
                        select new Theorem2Row(levels, epochs, Measure<Unchanged>(graph, epochs, options.Seed),
                            Exact(b1, b2, options.Classes, levels, epochs))).ToArray();

        var result = new ElasticityTheoremsResult(theorem1, theorem2);
        return result;
    }

    /// <summary>
    /// Trains t epochs from λ = 0, η = 1, then for each class j measures ΔZ_j / mean_{j'≠j} ΔZ_j' of
    /// one update at j's input (from the same trained state) and returns the mean over j.
    /// </summary>
    public static double Measure<TEtaRule>(RandomNeurashed random, int epochs, ulong seed)
        where TEtaRule : struct, IUpdateRule
    {
        var graph = random.Graph;
        var inputs = random.ClassInputs();
        int k = graph.ClassCount;
        var trained = new NeurashedModel(graph, InitialValues.Zero, InitialValues.Constant(1), seed);
        var training = new NeurashedTraining<Additive<TheoremConstants>, TEtaRule>(trained, inputs, batchSize: 1, BatchSampling.Reshuffled, seed);
        for (int i = 0; i < epochs * k; i++)
            training.Step();

        var before = OwnLogits(trained, inputs);
        var probe = new NeurashedModel(graph, InitialValues.Zero, InitialValues.Zero, seed);
        var probeTraining = new NeurashedTraining<Additive<TheoremConstants>, TEtaRule>(probe, inputs, batchSize: 1, BatchSampling.Reshuffled, seed);
        double sum = 0;
        for (int j = 0; j < k; j++)
        {
            probe.CopyStateFrom(trained);
            probeTraining.Update([j]);
            var after = OwnLogits(probe, inputs);
            double others = 0;
            for (int other = 0; other < k; other++)
                if (other != j)
                    others += after[other] - before[other];
            sum += (after[j] - before[j]) / (others / (k - 1));
        }
        return sum / k;
    }

    /// <summary>
    /// The ratio on non-overlapping class sets, exactly: after t epochs a shared node has λ = cKt and a
    /// class node λ = ct, so every level multiplies the score by X = ct(K b1 + b2) and Z_j = X^(L−1);
    /// the update at j adds c(b1 + b2) to j's X and c b1 to the others'.
    /// </summary>
    public static double Exact(int shared, int perClass, int classes, int levels, int epochs)
    {
        double x = C * epochs * (classes * shared + perClass);
        int m = levels - 1;
        // ((X + d)^M − X^M) / X^M = Σ_{i=1..M} C(M, i)(d/X)^i: positive terms, no cancellation.
        double Delta(double d)
        {
            double u = d / x, term = 1, sum = 0;
            for (int i = 1; i <= m; i++)
            {
                term *= u * (m - i + 1) / i;
                sum += term;
            }
            return sum;
        }
        return Delta(C * (shared + perClass)) / Delta(C * shared);
    }

    private static double[] OwnLogits(NeurashedModel model, NeurashedInputs inputs)
    {
        int k = model.Graph.ClassCount;
        var own = new double[k];
        var logits = new double[k];
        for (int j = 0; j < k; j++)
        {
            model.Logits(inputs.FeaturesOf(j), logits);
            own[j] = logits[j];
        }
        return own;
    }
}
