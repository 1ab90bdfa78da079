namespace EvoDsl;

/// <summary>
/// A random neurashed as in Theorem 1 of the paper: <see cref="Levels"/> levels in all, the last holding the
/// classes, the others <see cref="NodesPerLevel"/> nodes each, of which <see cref="SharedNodes"/> (b1) per level
/// are on every class's pathway and <see cref="NodesPerClass"/> (b2) more per level on one class's, chosen at
/// random from the seed (docs/neurashed.md). Each class has one input type: its level-1 nodes.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RandomNeurashedAttribute : Attribute
{
    public int Classes { get; set; } = 3;

    public int Levels { get; set; } = 3;

    public int NodesPerLevel { get; set; } = 100;

    /// <summary>b1: nodes per level shared by all classes.</summary>
    public int SharedNodes { get; set; } = 10;

    /// <summary>b2: nodes per level of each class alone.</summary>
    public int NodesPerClass { get; set; } = 5;
}
