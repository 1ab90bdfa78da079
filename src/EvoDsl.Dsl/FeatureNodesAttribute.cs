namespace EvoDsl;

/// <summary>
/// The first level of a neurashed: one node per input feature, named in a comma list ("1,2,3" or
/// "edge,corner"); a feature node fires when an input has its feature.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FeatureNodesAttribute(string names) : Attribute
{
    public string Names { get; } = names;
}
