namespace EvoDsl.Neurashed;

/// <summary>
/// Describes a neurashed level by level and builds it. Level-1 nodes are the input features;
/// each node above names its dependents on the level directly below; level L holds one node per class.
/// <code>
/// var graph = new NeurashedBuilder(levels: 3)
///     .FirstLevel("ear", "eye", "tail")
///     .Node(2, "head", FiringRule.AtLeast(2), "ear", "eye")
///     .Node(2, "body", FiringRule.Any, "tail")
///     .Node(3, "cat", FiringRule.Any, "head", "body")
///     .Node(3, "dog", FiringRule.All, "head", "body")
///     .Build();
/// </code>
/// </summary>
public sealed class NeurashedBuilder(int levels)
{
    private readonly List<NeurashedNode> _nodes = [];

    public int Levels { get; } = levels;

    public IReadOnlyList<NeurashedNode> Nodes => _nodes;

    /// <summary>Adds level-1 nodes (features), which fire when the input says so.</summary>
    public NeurashedBuilder FirstLevel(params IEnumerable<string> names)
    {
        foreach (string name in names)
            _nodes.Add(new NeurashedNode(name, 1, FiringRule.Any, []));
        return this;
    }

    /// <summary>Adds a node on <paramref name="level"/> that fires by <paramref name="rule"/> over <paramref name="dependents"/>.</summary>
    public NeurashedBuilder Node(int level, string name, FiringRule rule, params IEnumerable<string> dependents)
    {
        _nodes.Add(new NeurashedNode(name, level, rule, dependents.ToArray()));
        return this;
    }

    /// <summary>Every problem of the description so far; empty when <see cref="Build"/> will succeed.</summary>
    public IReadOnlyList<GraphProblem> Validate() => NeurashedValidation.Validate(Levels, _nodes);

    /// <summary>The flat graph; throws <see cref="EvoDslException"/> listing every problem if the description is malformed.</summary>
    public NeurashedGraph Build() => NeurashedGraph.Create(Levels, _nodes);
}
