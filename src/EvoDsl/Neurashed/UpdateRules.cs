namespace EvoDsl.Neurashed;

/// <summary>
/// The update rules of Algorithm 1 (paper 002, eqs. 2.2-2.3): g+ for a node (or class edge) in the
/// union G of the batch's feature pathways, g− for the others. g+ must be increasing with g+(x) &gt; x,
/// g− increasing with 0 ≤ g−(x) ≤ x. Rules "vary with respect to nodes and iteration number", so both
/// see the index (node for λ, class edge for η) and the iteration. Chosen at compile time as a struct
/// type argument, so the JIT inlines them into the update loop; a user's hook is a struct whose
/// members call the user's static methods.
/// </summary>
public interface IUpdateRule
{
    /// <summary>g+: the new value of a factor whose node (or edge) fired in the batch.</summary>
    static abstract double Grow(double value, int index, long iteration);

    /// <summary>g−: the new value of a factor whose node (or edge) did not fire.</summary>
    static abstract double Shrink(double value, int index, long iteration);
}

/// <summary>The two constants of a rule: a, b of a·x / b·x, or c, d of x + c / x − d.</summary>
public interface IRuleConstants
{
    static abstract double Grow { get; }

    static abstract double Shrink { get; }
}

/// <summary>g+(x) = a·x (a &gt; 1), g−(x) = b·x (0 &lt; b ≤ 1), with a = TConstants.Grow, b = TConstants.Shrink.</summary>
public readonly struct Multiplicative<TConstants> : IUpdateRule
    where TConstants : IRuleConstants
{
    public static double Grow(double value, int index, long iteration) => TConstants.Grow * value;

    public static double Shrink(double value, int index, long iteration) => TConstants.Shrink * value;
}

/// <summary>g+(x) = x + c (c &gt; 0), g−(x) = max(0, x − d) (d ≥ 0), with c = TConstants.Grow, d = TConstants.Shrink.</summary>
public readonly struct Additive<TConstants> : IUpdateRule
    where TConstants : IRuleConstants
{
    public static double Grow(double value, int index, long iteration) => value + TConstants.Grow;

    public static double Shrink(double value, int index, long iteration) => Math.Max(0, value - TConstants.Shrink);
}

/// <summary>Leaves every value as it is: for factors the experiment holds fixed (e.g. η in Theorem 1).</summary>
public readonly struct Unchanged : IUpdateRule
{
    public static double Grow(double value, int index, long iteration) => value;

    public static double Shrink(double value, int index, long iteration) => value;
}

/// <summary>A fixed set of node (or edge) indices, known at compile time.</summary>
public interface INodeSet
{
    static abstract bool Contains(int index);
}

/// <summary>TOverride for the indices in TNodes, TDefault elsewhere (e.g. Fig. 5's slower g+ for node 7 and its twin).</summary>
public readonly struct PerNode<TNodes, TOverride, TDefault> : IUpdateRule
    where TNodes : INodeSet
    where TOverride : IUpdateRule
    where TDefault : IUpdateRule
{
    public static double Grow(double value, int index, long iteration) =>
        TNodes.Contains(index) ? TOverride.Grow(value, index, iteration) : TDefault.Grow(value, index, iteration);

    public static double Shrink(double value, int index, long iteration) =>
        TNodes.Contains(index) ? TOverride.Shrink(value, index, iteration) : TDefault.Shrink(value, index, iteration);
}

/// <summary>Fig. 5's constants (paper 002, appendix): g+(λ) = 1.022^(11/4) λ, g−(λ) = 1.022^(−1/4) λ.</summary>
public readonly struct Figure5Rates : IRuleConstants
{
    private static readonly double s_grow = Math.Pow(1.022, 11.0 / 4);
    private static readonly double s_shrink = Math.Pow(1.022, -1.0 / 4);

    public static double Grow => s_grow;

    public static double Shrink => s_shrink;
}
