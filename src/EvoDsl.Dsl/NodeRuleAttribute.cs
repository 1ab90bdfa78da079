namespace EvoDsl;

/// <summary>
/// Per-node g+ and g− for the named nodes (a comma list), overriding [Neurashed]'s Grow and Shrink,
/// as Fig. 5's node 7 grows slower than the rest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class NodeRuleAttribute(string nodes) : Attribute
{
    public string Nodes { get; } = nodes;

    /// <summary>g+ for these nodes; NaN (the default) keeps [Neurashed]'s.</summary>
    public double Grow { get; set; } = double.NaN;

    /// <summary>g− for these nodes; NaN (the default) keeps [Neurashed]'s.</summary>
    public double Shrink { get; set; } = double.NaN;
}
