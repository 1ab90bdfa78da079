namespace EvoDsl;

/// <summary>
/// One input type of a declared neurashed: the feature nodes it fires (a comma list) and its class
/// (a class node's name). Algorithm 1 samples input types uniformly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class PatternAttribute(string features, string @class) : Attribute
{
    public string Features { get; } = features;

    public string Class { get; } = @class;
}
