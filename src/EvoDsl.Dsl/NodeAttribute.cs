namespace EvoDsl;

/// <summary>
/// A neurashed node above the first level: its <paramref name="level"/>, its dependents on the level
/// directly below (a comma list of node names) and its firing rule. The nodes of the highest level are
/// the classes, in declaration order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class NodeAttribute(string name, int level, string dependents) : Attribute
{
    public string Name { get; } = name;

    public int Level { get; } = level;

    public string Dependents { get; } = dependents;

    /// <summary>Any (OR, the default) or All (AND) of the dependents.</summary>
    public Firing Fires { get; set; } = Firing.Any;

    /// <summary>When set (≥ 1), the node fires if at least this many dependents fire; overrides <see cref="Fires"/>.</summary>
    public int AtLeast { get; set; }
}
