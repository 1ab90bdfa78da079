namespace EvoDsl.Neurashed;

/// <summary>
/// A validated neurashed graph stored flat so evaluation allocates nothing. Nodes are numbered level
/// by level (level 1 first, then in declaration order); each node's dependents on the level below are
/// one CSR row, and each node's parents (the nodes that depend on it) are the transposed rows, so a
/// feature pathway is found by pushing from firing nodes upward. Edge e is row position e of the
/// dependents array; the edges into the last level are the class edges that carry η.
/// </summary>
public sealed class NeurashedGraph
{
    private readonly int[] _levelStart;
    private readonly int[] _levelOf;
    private readonly string[] _names;
    private readonly FiringRule[] _rules;
    private readonly int[] _threshold;
    private readonly int[] _dependentStart;
    private readonly int[] _dependents;
    private readonly int[] _parentStart;
    private readonly int[] _parents;
    private readonly int[] _parentEdge;
    private readonly Dictionary<string, int> _index;

    /// <summary>Builds from level sizes and, per node in level order, its rule and dependent indices; the caller has validated them.</summary>
    internal NeurashedGraph(int[] levelSizes, string[] names, FiringRule[] rules, int[][] dependents)
    {
        int levels = levelSizes.Length;
        int nodeCount = names.Length;
        _levelStart = new int[levels + 1];
        for (int l = 0; l < levels; l++)
            _levelStart[l + 1] = _levelStart[l] + levelSizes[l];
        if (_levelStart[levels] != nodeCount || rules.Length != nodeCount || dependents.Length != nodeCount)
            throw new ArgumentException("level sizes, names, rules and dependents disagree on the node count");

        _levelOf = new int[nodeCount];
        for (int l = 0; l < levels; l++)
            _levelOf.AsSpan(_levelStart[l], levelSizes[l]).Fill(l + 1);
        _names = names;
        _rules = rules;
        _threshold = new int[nodeCount];
        _dependentStart = new int[nodeCount + 1];
        for (int node = 0; node < nodeCount; node++)
        {
            _dependentStart[node + 1] = _dependentStart[node] + dependents[node].Length;
            _threshold[node] = rules[node].Threshold(dependents[node].Length);
        }
        _dependents = new int[_dependentStart[nodeCount]];
        var parentCount = new int[nodeCount];
        for (int node = 0; node < nodeCount; node++)
        {
            dependents[node].CopyTo(_dependents, _dependentStart[node]);
            foreach (int dependent in dependents[node])
            {
                if (_levelOf[dependent] != _levelOf[node] - 1)
                    throw new ArgumentException($"edge {names[node]} -> {names[dependent]} does not go to the level directly below");
                parentCount[dependent]++;
            }
        }

        _parentStart = new int[nodeCount + 1];
        for (int node = 0; node < nodeCount; node++)
            _parentStart[node + 1] = _parentStart[node] + parentCount[node];
        _parents = new int[_dependents.Length];
        _parentEdge = new int[_dependents.Length];
        var fill = _parentStart.AsSpan(0, nodeCount).ToArray();
        for (int node = 0; node < nodeCount; node++)
            for (int e = _dependentStart[node]; e < _dependentStart[node + 1]; e++)
            {
                int slot = fill[_dependents[e]]++;
                _parents[slot] = node;
                _parentEdge[slot] = e;
            }

        _index = new Dictionary<string, int>(nodeCount, StringComparer.Ordinal);
        for (int node = 0; node < nodeCount; node++)
            _index.TryAdd(names[node], node);
    }

    /// <summary>Validates a description and builds its graph; throws <see cref="EvoDslException"/> listing every problem.</summary>
    public static NeurashedGraph Create(int levels, IReadOnlyList<NeurashedNode> nodes)
    {
        var problems = NeurashedValidation.Validate(levels, nodes);
        if (problems.Count > 0)
            throw new EvoDslException("The neurashed graph is malformed:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  " + p.Message)));

        var ordered = nodes.OrderBy(n => n.Level).ToArray(); // stable: declaration order within a level
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ordered.Length; i++)
            index[ordered[i].Name] = i;
        var levelSizes = new int[levels];
        foreach (var node in ordered)
            levelSizes[node.Level - 1]++;
        return new NeurashedGraph(levelSizes,
            ordered.Select(n => n.Name).ToArray(),
            ordered.Select(n => n.Rule).ToArray(),
            ordered.Select(n => n.Dependents.Select(d => index[d]).ToArray()).ToArray());
    }

    /// <summary>L, the number of levels; level L holds one node per class.</summary>
    public int Levels => _levelStart.Length - 1;

    public int NodeCount => _names.Length;

    /// <summary>K, the number of classes (last-level nodes).</summary>
    public int ClassCount => _levelStart[^1] - _levelStart[^2];

    /// <summary>Number of level-1 nodes: the features an input can fire.</summary>
    public int FeatureCount => _levelStart[1];

    /// <summary>Nodes below the last level, which carry an amplification factor λ; they are nodes 0..AmplifiedCount−1.</summary>
    public int AmplifiedCount => _levelStart[^2];

    /// <summary>Index of the first class node; class j is node FirstClass + j.</summary>
    public int FirstClass => _levelStart[^2];

    public int EdgeCount => _dependents.Length;

    /// <summary>Edges into the last level, which carry a weight η; η index = edge − <see cref="ClassEdgeOffset"/>.</summary>
    public int ClassEdgeCount => _dependents.Length - ClassEdgeOffset;

    /// <summary>The edge index of the first class edge.</summary>
    public int ClassEdgeOffset => _dependentStart[FirstClass];

    /// <summary>The nodes of level <paramref name="level"/> (1-based) as a range of node indices.</summary>
    public Range NodesOn(int level) => new(_levelStart[level - 1], _levelStart[level]);

    /// <summary>Number of nodes on level <paramref name="level"/> (1-based).</summary>
    public int Width(int level) => _levelStart[level] - _levelStart[level - 1];

    public int LevelOf(int node) => _levelOf[node];

    public string NameOf(int node) => _names[node];

    public FiringRule RuleOf(int node) => _rules[node];

    /// <summary>How many firing dependents <paramref name="node"/> needs to fire.</summary>
    public int ThresholdOf(int node) => _threshold[node];

    /// <summary>The node called <paramref name="name"/>; throws if there is none.</summary>
    public int IndexOf(string name) =>
        _index.TryGetValue(name, out int node) ? node : throw new EvoDslException($"The neurashed has no node '{name}'.");

    public ReadOnlySpan<int> DependentsOf(int node) => _dependents.AsSpan(_dependentStart[node], _dependentStart[node + 1] - _dependentStart[node]);

    /// <summary>The edge index of <paramref name="node"/>'s first dependent; its edges are consecutive.</summary>
    public int FirstEdgeOf(int node) => _dependentStart[node];

    public ReadOnlySpan<int> ParentsOf(int node) => _parents.AsSpan(_parentStart[node], _parentStart[node + 1] - _parentStart[node]);

    // Flat views for the evaluator's inner loops.
    internal int[] Thresholds => _threshold;
    internal int[] DependentStarts => _dependentStart;
    internal int[] Dependents => _dependents;
    internal int[] ParentStarts => _parentStart;
    internal int[] Parents => _parents;
    internal int[] ParentEdges => _parentEdge;
}
