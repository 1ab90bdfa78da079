namespace EvoDsl.Neurashed;

/// <summary>How a node's firing depends on its dependents (paper 002, §2: a Boolean function of them).</summary>
public enum FiringRuleKind
{
    /// <summary>Fires when one or more dependents fire (OR).</summary>
    Any,

    /// <summary>Fires when every dependent fires (AND).</summary>
    All,

    /// <summary>Fires when at least k dependents fire.</summary>
    AtLeast,
}

/// <summary>
/// A node's firing rule. Every rule the paper uses is a threshold on the number of firing dependents,
/// so the graph stores only that threshold (<see cref="Threshold"/>) and evaluation is one comparison.
/// </summary>
public readonly record struct FiringRule
{
    private FiringRule(FiringRuleKind kind, int k)
    {
        Kind = kind;
        K = k;
    }

    public FiringRuleKind Kind { get; }

    /// <summary>The k of <see cref="FiringRuleKind.AtLeast"/>; 0 for the other kinds.</summary>
    public int K { get; }

    public static FiringRule Any { get; } = new(FiringRuleKind.Any, 0);

    public static FiringRule All { get; } = new(FiringRuleKind.All, 0);

    public static FiringRule AtLeast(int k) => new(FiringRuleKind.AtLeast, k);

    /// <summary>
    /// The number of firing dependents the node needs. Never below 1: a node with no dependents
    /// never fires, even under All (a feature that is never formed).
    /// </summary>
    public int Threshold(int arity) => Kind switch
    {
        FiringRuleKind.Any => 1,
        FiringRuleKind.All => Math.Max(arity, 1),
        _ => Math.Max(K, 1),
    };

    /// <summary>Whether a node with <paramref name="firingDependents"/> of its <paramref name="arity"/> dependents firing fires.</summary>
    public bool Fires(int firingDependents, int arity) => firingDependents >= Threshold(arity);

    public override string ToString() => Kind == FiringRuleKind.AtLeast ? $"AtLeast({K})" : Kind.ToString();
}
