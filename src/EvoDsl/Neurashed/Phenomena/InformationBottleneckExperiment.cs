using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Metrics;

namespace EvoDsl.Neurashed.Phenomena;


/// <summary>I(T;X) and I(T;Y) of each level at one iteration.</summary>
public readonly record struct InformationPoint(long Iteration, double Level1Input, double Level1Label,
    double Level2Input, double Level2Label, double Level3Input, double Level3Label);

/// <summary>The headline numbers: the peak and final I(level 2; input), and the final I(level 2; label).</summary>
public sealed record InformationBottleneckResult(double PeakInputBits, long PeakIteration, double FinalInputBits,
    double FinalLabelBits, IReadOnlyList<InformationPoint> Series);

/// <summary>
/// Fig. 5 of paper 002: a two-class neurashed whose level-2 information about the input rises
/// (fitting) and then falls (compression) as the dominant node dwarfs the others, while the
/// information about the label stays near 1 bit. Graph and constants as SPEC §3.
/// </summary>
public static class InformationBottleneckExperiment
{
    /// <summary>Class 1's four level-1 firing patterns (Fig. 5); class 2's are the same shifted by 7.</summary>
    public static readonly int[][] Patterns = [[1, 2, 7], [2, 3, 7], [4, 5, 7], [5, 6, 7]];

    /// <summary>
    /// Level 1: nodes "1".."7" (class 1) and "8".."14" (class 2); level 2 per class: A ← {1,2,3} (any),
    /// B ← {2,5,7} (at least 2, the dominant node), C ← {4,5,6} (any); level 3: the class ← {A,B,C} (any).
    /// </summary>
    public static NeurashedGraph Figure5Graph()
    {
        var builder = new NeurashedBuilder(levels: 3).FirstLevel(Enumerable.Range(1, 14).Select(i => i.ToString()));
        foreach (int c in new[] { 1, 2 })
        {
            string N(int i) => (i + 7 * (c - 1)).ToString();
            builder.Node(2, $"A{c}", FiringRule.Any, N(1), N(2), N(3))
                   .Node(2, $"B{c}", FiringRule.AtLeast(2), N(2), N(5), N(7))
                   .Node(2, $"C{c}", FiringRule.Any, N(4), N(5), N(6));
        }
        return builder.Node(3, "class1", FiringRule.Any, "A1", "B1", "C1")
                      .Node(3, "class2", FiringRule.Any, "A2", "B2", "C2")
                      .Build();
    }

    /// <summary>The 8 input types: class 1's four patterns (label 0), then class 2's (label 1).</summary>
    public static NeurashedInputs Figure5Inputs(NeurashedGraph graph) =>
        NeurashedInputs.FromNames(graph,
            from c in new[] { 1, 2 }
            from pattern in Patterns
            select ((IReadOnlyList<string>)pattern.Select(i => (i + 7 * (c - 1)).ToString()).ToArray(), $"class{c}"));

    /// <summary>Node 7 and its class-2 twin (node 14): level-1 indices 6 and 13.</summary>
    public readonly struct SlowNodes : INodeSet
    {
        public static bool Contains(int index) => index is 6 or 13;
    }

    /// <summary>Fig. 5's rule: 1.022^(11/4) λ / 1.022^(−1/4) λ, with 1.022^(3/4) λ as g+ for node 7 and its twin.</summary>
    public readonly struct Figure5Rule : IUpdateRule
    {
        public static double Grow(double value, int index, long iteration) =>
            PerNode<SlowNodes, Multiplicative<Figure5SlowRates>, Multiplicative<Figure5Rates>>.Grow(value, index, iteration);

        public static double Shrink(double value, int index, long iteration) =>
            PerNode<SlowNodes, Multiplicative<Figure5SlowRates>, Multiplicative<Figure5Rates>>.Shrink(value, index, iteration);
    }

    /// <summary>Trains, measures every <c>Every</c> iterations.</summary>
    public static InformationBottleneckResult Run(InformationBottleneckOptions options)
    {
        var graph = Figure5Graph();
        var inputs = Figure5Inputs(graph);
        // λ ~ U(0, 0.01) as the paper; η (not mentioned in the appendix) likewise.
        var model = new NeurashedModel(graph, InitialValues.Uniform(0, 0.01), InitialValues.Uniform(0, 0.01), options.Seed);
        var training = new NeurashedTraining<Figure5Rule, Multiplicative<Figure5Rates>>(model, inputs, options.BatchSize, options.Sampling, options.Seed);

        var series = new List<InformationPoint>();
        for (long t = 0; ; t++)
        {
            if (t % options.Every == 0 || t == options.Iterations)
            {
                var (i1, y1) = LevelInformation.Measure(model, inputs, 1, t, options);
                var (i2, y2) = LevelInformation.Measure(model, inputs, 2, t, options);
                var (i3, y3) = LevelInformation.Measure(model, inputs, 3, t, options);
                series.Add(new InformationPoint(t, i1, y1, i2, y2, i3, y3));
            }
            if (t == options.Iterations)
                break;
            training.Step();
        }

        var peak = series.MaxBy(p => p.Level2Input);
        var result = new InformationBottleneckResult(peak.Level2Input, peak.Iteration, series[^1].Level2Input, series[^1].Level2Label, series);
        return result;
    }
}
