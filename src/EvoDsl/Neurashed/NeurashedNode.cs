namespace EvoDsl.Neurashed;

/// <summary>
/// One node of a neurashed description: its name, its level (1 = lowest features, L = classes),
/// its firing rule and the names of its dependents on the level directly below.
/// Level-1 nodes have no dependents: the input decides whether they fire.
/// </summary>
public sealed record NeurashedNode(string Name, int Level, FiringRule Rule, IReadOnlyList<string> Dependents);
