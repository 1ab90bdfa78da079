namespace EvoDsl;

/// <summary>
/// Dopaminergic plasticity (SPEC §2): the output layer learns one example at a time by a three-factor
/// rule, presynaptic firing × postsynaptic firing × a dopamine signal whose sign says whether the loss
/// was below <see cref="Threshold"/>. The exact rule is in docs/dnn.md. Needs a [RandomLayer].
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DopaminergicAttribute : Attribute
{
    /// <summary>ε0: a loss at most this rewards the links that fired, above it punishes them (paper: 0.75).</summary>
    public double Threshold { get; set; } = 0.75;

    /// <summary>
    /// ε1: the size of one update. The paper's 1 belongs to its own scaling of the rule; with this rule
    /// and these features 0.001 learns best (docs/dnn.md).
    /// </summary>
    public double Rate { get; set; } = 0.001;

    /// <summary>Which outputs count as fired: LowError, the paper's printed condition, learns; Winner does not (docs/dnn.md).</summary>
    public PostSynapticFiring PostSynaptic { get; set; } = PostSynapticFiring.LowError;

    /// <summary>What a hidden unit contributes.</summary>
    public PreSynapticSignal PreSynaptic { get; set; } = PreSynapticSignal.Activity;
}
