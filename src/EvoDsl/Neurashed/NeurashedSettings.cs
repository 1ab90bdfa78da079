namespace EvoDsl.Neurashed;

/// <summary>The [Neurashed] part of a declaration, as the generator read it from the attributes.</summary>
/// <param name="Graph">The graph in words (declared nodes and inputs, or the random graph's sizes), for summaries and checkpoint fingerprints.</param>
public sealed record NeurashedSettings(
    int BatchSize,
    BatchSampling Sampling,
    AmplificationUpdate Update,
    double Grow,
    double Shrink,
    double InitialLow,
    double InitialHigh,
    string Graph);

/// <summary>A graph with the inputs Algorithm 1 samples from: declared patterns, or a random graph's class inputs.</summary>
public sealed record DeclaredNeurashed(NeurashedGraph Graph, NeurashedInputs Inputs);

/// <summary>
/// g+(x) = x + c (c &gt; 0), g−(x) = b·x (0 &lt; b ≤ 1), with c = TConstants.Grow, b = TConstants.Shrink:
/// [Neurashed(Update = AmplificationUpdate.Additive)], Theorem 1's rule when b = 1.
/// </summary>
public readonly struct AdditiveGrowth<TConstants> : IUpdateRule
    where TConstants : IRuleConstants
{
    public static double Grow(double value, int index, long iteration) => value + TConstants.Grow;

    public static double Shrink(double value, int index, long iteration) => TConstants.Shrink * value;
}
