using EvoDsl.Neurashed;

namespace EvoDsl.Tests.Neurashed;

/// <summary>Small hand-made graphs and rules whose scores and updates the tests compute by hand.</summary>
internal static class TinyGraphs
{
    /// <summary>
    /// Level 1: a, b, c. Level 2: P ← {a, b} (any), Q ← {b, c} (all). Level 3: X ← {P, Q} (any), Y ← {Q} (any).
    /// Nodes are numbered a0 b1 c2 P3 Q4 X5 Y6; η: X←P 0, X←Q 1, Y←Q 2.
    /// </summary>
    public static NeurashedGraph TwoPaths() =>
        new NeurashedBuilder(3)
            .FirstLevel("a", "b", "c")
            .Node(2, "P", FiringRule.Any, "a", "b")
            .Node(2, "Q", FiringRule.All, "b", "c")
            .Node(3, "X", FiringRule.Any, "P", "Q")
            .Node(3, "Y", FiringRule.Any, "Q")
            .Build();

    /// <summary>Input 0 fires {a, b} (class X), input 1 fires {b, c} (class Y).</summary>
    public static NeurashedInputs TwoPathsInputs(NeurashedGraph graph) =>
        NeurashedInputs.FromNames(graph, [(["a", "b"], "X"), (["b", "c"], "Y")]);

    /// <summary>λ = (a 2, b 3, c 5, P 7, Q 11), η = (X←P 0.5, X←Q 0.25, Y←Q 2).</summary>
    public static NeurashedModel TwoPathsModel(NeurashedGraph graph)
    {
        var model = new NeurashedModel(graph, InitialValues.Zero, InitialValues.Zero, seed: 1);
        double[] lambda = [2, 3, 5, 7, 11];
        double[] eta = [0.5, 0.25, 2];
        lambda.CopyTo(model.AmplificationFactors);
        eta.CopyTo(model.ClassEdgeWeights);
        return model;
    }
}

/// <summary>g+(x) = 2x, g−(x) = x/2.</summary>
internal readonly struct DoubleOrHalve : IRuleConstants
{
    public static double Grow => 2;

    public static double Shrink => 0.5;
}

/// <summary>g+(x) = x + 1, g−(x) = max(0, x − 0.5).</summary>
internal readonly struct PlusOneMinusHalf : IRuleConstants
{
    public static double Grow => 1;

    public static double Shrink => 0.5;
}
