using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Metrics;

namespace EvoDsl.Neurashed.Phenomena;

/// <summary>The knobs of the local-elasticity histogram run.</summary>
public sealed record LocalElasticityOptions
{
    /// <summary>Random initialisations (each with its own pre-training length).</summary>
    public int Trials { get; init; } = 1000;

    /// <summary>λ and η start Uniform(0, 1) (any positive spread works; the ordering does not depend on it).</summary>
    public InitialValues Initial { get; init; } = InitialValues.Uniform(0, 1);

    /// <summary>
    /// Before measuring, each trial trains for a uniform random MinPretraining..MaxPretraining iterations
    /// (B = 1): like He and Su's networks, an untrained neurashed is not locally elastic (docs/neurashed.md).
    /// </summary>
    public int MinPretraining { get; init; } = 50;

    /// <inheritdoc cref="MinPretraining"/>
    public int MaxPretraining { get; init; } = 300;

    public ulong Seed { get; init; } = 1;
}

/// <summary>LE of the base input 1a on 1b, class 2 and class 3 in one trial.</summary>
public readonly record struct ElasticityTrial(int Trial, int Pretraining, double To1b, double To2, double To3);

/// <summary>Means and medians per pair, and the share of trials with LE(1a→1b) &gt; LE(1a→2) &gt; LE(1a→3).</summary>
public sealed record LocalElasticityResult(double Mean1b, double Mean2, double Mean3, double Median1b, double Median2, double Median3,
    double OrderedShare, IReadOnlyList<ElasticityTrial> Trials);

/// <summary>
/// Local elasticity (paper 002, §3, eq. 3.1, Figs. 1-2) on a four-level, three-class neurashed where
/// class 1 has two sub-types 1a and 1b sharing most of their pathway, class 2 shares a few low- and
/// middle-level features with class 1, and class 3 shares nothing with class 1. One update at 1a
/// should move 1b most, class 2 less and class 3 least.
/// </summary>
public static class LocalElasticityExperiment
{
    /// <summary>The input names, in input order: 1a, 1b (class 1), 2 (class 2), 3 (class 3).</summary>
    public static readonly string[] InputNames = ["1a", "1b", "2", "3"];

    /// <summary>
    /// Level 1: e1..e12. Inputs: 1a = e1-e5, 1b = e2-e6 (class 1), 2 = e4-e8 (class 2), 3 = e9-e12 (class 3).
    /// Level 2: M1 ← e1,e2,e3 (≥2); M2 ← e3,e4 (all); M3 ← e4,e5 (all); M4 ← e6,e7,e8 (≥2); M5 ← e6,e7 (all);
    /// M6 ← e9,e10 (any); M7 ← e11,e12 (any); M8 ← e1,e2 (all).
    /// Level 3: H1 ← M1,M2,M8 (≥2); H2 ← M2,M3 (all); H3 ← M3,M4,M5 (≥2); H4 ← M4,M5 (all); H5 ← M6,M7 (any); H6 ← M6,M7 (all).
    /// Level 4: class1 ← H1,H2; class2 ← H3,H4; class3 ← H5,H6 (any).
    /// 1a's pathway is e1-e5, M1, M2, M3, M8, H1, H2, class1; 1b shares all of it but e1 and M8;
    /// class 2 shares e4, e5 and M3 (low-level features); class 3 shares nothing.
    /// </summary>
    public static NeurashedGraph Graph() =>
        new NeurashedBuilder(levels: 4)
            .FirstLevel(Enumerable.Range(1, 12).Select(i => $"e{i}"))
            .Node(2, "M1", FiringRule.AtLeast(2), "e1", "e2", "e3")
            .Node(2, "M2", FiringRule.All, "e3", "e4")
            .Node(2, "M3", FiringRule.All, "e4", "e5")
            .Node(2, "M4", FiringRule.AtLeast(2), "e6", "e7", "e8")
            .Node(2, "M5", FiringRule.All, "e6", "e7")
            .Node(2, "M6", FiringRule.Any, "e9", "e10")
            .Node(2, "M7", FiringRule.Any, "e11", "e12")
            .Node(2, "M8", FiringRule.All, "e1", "e2")
            .Node(3, "H1", FiringRule.AtLeast(2), "M1", "M2", "M8")
            .Node(3, "H2", FiringRule.All, "M2", "M3")
            .Node(3, "H3", FiringRule.AtLeast(2), "M3", "M4", "M5")
            .Node(3, "H4", FiringRule.All, "M4", "M5")
            .Node(3, "H5", FiringRule.Any, "M6", "M7")
            .Node(3, "H6", FiringRule.All, "M6", "M7")
            .Node(4, "class1", FiringRule.Any, "H1", "H2")
            .Node(4, "class2", FiringRule.Any, "H3", "H4")
            .Node(4, "class3", FiringRule.Any, "H5", "H6")
            .Build();

    public static NeurashedInputs Inputs(NeurashedGraph graph) =>
        NeurashedInputs.FromNames(graph,
        [
            (Features(1, 5), "class1"),
            (Features(2, 6), "class1"),
            (Features(4, 8), "class2"),
            (Features(9, 12), "class3"),
        ]);

    private static string[] Features(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => $"e{i}").ToArray();

    /// <summary>Runs the trials.</summary>
    public static LocalElasticityResult Run(LocalElasticityOptions options)
    {
        var graph = Graph();
        var inputs = Inputs(graph);
        var trials = new ElasticityTrial[options.Trials];
        Span<double> elasticity = stackalloc double[3];
        for (int t = 0; t < options.Trials; t++)
        {
            ulong seed = Streams.Key(options.Seed, Streams.ElasticityTrials, (ulong)t);
            var model = new NeurashedModel(graph, options.Initial, options.Initial, seed);
            // The paper's only concrete rule (Fig. 5): g+ = 1.022^(11/4) x, g− = 1.022^(−1/4) x, for λ and η.
            var training = new NeurashedTraining<Multiplicative<Figure5Rates>, Multiplicative<Figure5Rates>>(
                model, inputs, batchSize: 1, BatchSampling.WithReplacement, seed);
            var random = new SplitMix64(seed);
            int pretraining = options.MinPretraining + random.NextInt(options.MaxPretraining - options.MinPretraining + 1);
            for (int i = 0; i < pretraining; i++)
                training.Step();
            LocalElasticity.Measure(training, baseInput: 0, [1, 2, 3], elasticity);
            trials[t] = new ElasticityTrial(t, pretraining, elasticity[0], elasticity[1], elasticity[2]);
        }

        var result = new LocalElasticityResult(
            trials.Average(r => r.To1b), trials.Average(r => r.To2), trials.Average(r => r.To3),
            Median(trials.Select(r => r.To1b)), Median(trials.Select(r => r.To2)), Median(trials.Select(r => r.To3)),
            trials.Count(r => r.To1b > r.To2 && r.To2 > r.To3) / (double)trials.Length, trials);
        return result;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
