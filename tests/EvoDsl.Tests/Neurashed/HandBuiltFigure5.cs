using EvoDsl.Neurashed;

namespace EvoDsl.Tests.Neurashed;

/// <summary>
/// Fig. 5's graph and rule built by hand from SPEC §3, independently of the declaration in
/// experiments/EvoDsl.Experiments/NeurashedExperiments.cs: an oracle the declared experiment is checked
/// against, and a Fig. 5 the tests can vary (batch size, scores past the double range).
/// </summary>
internal static class HandBuiltFigure5
{
    /// <summary>Class 1's four level-1 firing patterns (Fig. 5); class 2's are the same shifted by 7.</summary>
    public static readonly int[][] Patterns = [[1, 2, 7], [2, 3, 7], [4, 5, 7], [5, 6, 7]];

    /// <summary>
    /// Level 1: nodes "1".."7" (class 1) and "8".."14" (class 2); level 2 per class: A ← {1,2,3} (any),
    /// B ← {2,5,7} (at least 2, the dominant node), C ← {4,5,6} (any); level 3: the class ← {A,B,C} (any).
    /// </summary>
    public static NeurashedGraph Graph()
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
    public static NeurashedInputs Inputs(NeurashedGraph graph) =>
        NeurashedInputs.FromNames(graph,
            from c in new[] { 1, 2 }
            from pattern in Patterns
            select ((IReadOnlyList<string>)pattern.Select(i => (i + 7 * (c - 1)).ToString()).ToArray(), $"class{c}"));

    /// <summary>Node 7 and its class-2 twin (node 14): level-1 indices 6 and 13.</summary>
    public readonly struct SlowNodes : INodeSet
    {
        public static bool Contains(int index) => index is 6 or 13;
    }

    /// <summary>Node 7 and its twin: g+(λ) = 1.022^(3/4) λ, the same g− as the others.</summary>
    public readonly struct SlowRates : IRuleConstants
    {
        private static readonly double s_grow = Math.Pow(1.022, 3.0 / 4);

        public static double Grow => s_grow;

        public static double Shrink => Figure5Rates.Shrink;
    }

    /// <summary>Fig. 5's rule: 1.022^(11/4) λ / 1.022^(−1/4) λ, with 1.022^(3/4) λ as g+ for node 7 and its twin.</summary>
    public readonly struct Rule : IUpdateRule
    {
        public static double Grow(double value, int index, long iteration) =>
            PerNode<SlowNodes, Multiplicative<SlowRates>, Multiplicative<Figure5Rates>>.Grow(value, index, iteration);

        public static double Shrink(double value, int index, long iteration) =>
            PerNode<SlowNodes, Multiplicative<SlowRates>, Multiplicative<Figure5Rates>>.Shrink(value, index, iteration);
    }

    /// <summary>Fig. 5 by hand as the runner drives a declaration, at batch size <paramref name="batchSize"/> (the declaration's is 1).</summary>
    public static NeurashedExperiment<Rule, Multiplicative<Figure5Rates>> Trainer(int batchSize = 1, ulong seed = 1)
    {
        NeurashedGraph graph = Graph();
        var settings = new NeurashedSettings(batchSize, BatchSampling.Reshuffled, AmplificationUpdate.Multiplicative,
            Figure5Rates.Grow, Figure5Rates.Shrink, InitialLow: 0, InitialHigh: 0.01, Graph: "Fig. 5, built by hand");
        return new(settings, new DeclaredNeurashed(graph, Inputs(graph)), new RunContext(EvoDsl.Data.ClassSubset.None, EvoDsl.Data.ClassSubset.None, seed, 1));
    }
}
