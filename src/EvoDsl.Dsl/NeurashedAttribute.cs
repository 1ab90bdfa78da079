namespace EvoDsl;

/// <summary>
/// A neurashed (SPEC §3, Su's graph model of training): nodes on levels fire along feature pathways,
/// and Algorithm 1 grows the amplification factors λ of the nodes (and η of the edges into the class
/// nodes) on the batch's pathways by g+ and shrinks the rest by g−. Declare the graph with
/// [FeatureNodes], [Node] and [Pattern], or draw one with [RandomNeurashed].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NeurashedAttribute : Attribute
{
    /// <summary>Inputs sampled per iteration, B of Algorithm 1.</summary>
    public int BatchSize { get; set; } = 1;

    /// <summary>How the B inputs are drawn: independently (with replacement) or in reshuffled epochs over the input types.</summary>
    public BatchSampling Sampling { get; set; } = BatchSampling.WithReplacement;

    /// <summary>How g+ grows a factor: multiply by <see cref="Grow"/>, or add it.</summary>
    public AmplificationUpdate Update { get; set; } = AmplificationUpdate.Multiplicative;

    /// <summary>g+: the factor (multiplicative, &gt; 1) or the increment (additive, &gt; 0) for nodes and edges on the batch's pathways.</summary>
    public double Grow { get; set; } = 1.1;

    /// <summary>g−(x) = Shrink·x for everything off the pathways; 0 &lt; Shrink ≤ 1 (1: unchanged).</summary>
    public double Shrink { get; set; } = 1;

    /// <summary>Initial λ and η are drawn from Uniform(InitialLow, InitialHigh); equal bounds give a constant.</summary>
    public double InitialLow { get; set; }

    /// <summary>Upper bound of the initial λ and η.</summary>
    public double InitialHigh { get; set; } = 0.01;
}

/// <summary>How Algorithm 1 draws its mini-batches.</summary>
public enum BatchSampling
{
    /// <summary>Each of the B inputs uniformly at random, from a stream keyed by the iteration.</summary>
    WithReplacement,

    /// <summary>Epochs: the inputs in a fresh random order per epoch (keyed by the epoch), B at a time.</summary>
    Reshuffled,
}

/// <summary>The form of g+ in a neurashed.</summary>
public enum AmplificationUpdate
{
    /// <summary>g+(x) = Grow·x.</summary>
    Multiplicative,

    /// <summary>g+(x) = x + Grow.</summary>
    Additive,
}

/// <summary>How a node's firing follows from its dependents' firing.</summary>
public enum Firing
{
    /// <summary>Fires when any dependent fires (OR).</summary>
    Any,

    /// <summary>Fires when every dependent fires (AND).</summary>
    All,
}
