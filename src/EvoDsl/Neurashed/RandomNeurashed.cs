using EvoDsl.Kernels;

namespace EvoDsl.Neurashed;

/// <summary>
/// The random neurashed of Theorem 1 (paper 002, appendix): m nodes on each level below the last;
/// per level, b1 nodes chosen uniformly at random are shared by all classes, then b2 nodes per class
/// chosen uniformly at random; for each class, edges join its b1 + b2 selected nodes of every level
/// to its selected nodes of the level below, and its class node to its selected nodes of level L−1.
/// Where the paper is silent (see docs/neurashed.md): a class's b2 nodes are drawn from the m − b1
/// unshared nodes, independently per class (so two classes may share a few when m is small, which is
/// why the theorem needs m large); a node's dependents are the union over the classes that selected
/// it; a selected node (and a class node) fires when at least b1 + ⌈b2/2⌉ of its dependents fire, so
/// an input of class k fires exactly the class's selected nodes unless two classes overlap in at
/// least ⌈b2/2⌉ nodes; unselected nodes above level 1 have no dependents and never fire.
/// </summary>
public sealed class RandomNeurashed
{
    private readonly int[][][] _selected; // [level-1][class] → node indices of S_k on that level (shared first)
    private readonly int[][] _shared;     // [level-1] → B1 on that level

    private RandomNeurashed(NeurashedGraph graph, int[][] shared, int[][][] selected, int b1, int b2)
    {
        Graph = graph;
        _shared = shared;
        _selected = selected;
        Shared = b1;
        PerClass = b2;
    }

    public NeurashedGraph Graph { get; }

    /// <summary>b1, the number of shared nodes per level.</summary>
    public int Shared { get; }

    /// <summary>b2, the number of nodes per class per level.</summary>
    public int PerClass { get; }

    /// <summary>
    /// Draws the graph. <paramref name="levels"/> is L (levels below the classes: L − 1, each of
    /// <paramref name="width"/> nodes); <paramref name="classes"/> is K.
    /// </summary>
    public static RandomNeurashed Create(int levels, int width, int classes, int shared, int perClass, ulong seed)
    {
        if (levels < 2)
            throw new EvoDslException($"A neurashed needs at least 2 levels; got {levels}.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shared);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        if (width < shared + perClass)
            throw new EvoDslException($"Each level needs room for b1 + b2 = {shared + perClass} selected nodes; width is {width}.");

        int featureLevels = levels - 1;
        var sharedNodes = new int[featureLevels][];
        var selected = new int[featureLevels][][];
        var order = new int[width];
        for (int l = 0; l < featureLevels; l++)
        {
            int offset = l * width;
            // Partial Fisher-Yates: the first b1 positions are B1; per class, b2 more from the rest.
            for (int i = 0; i < width; i++)
                order[i] = i;
            var random = new SplitMix64(Streams.Key(seed, Streams.RandomNeurashedGraph, (ulong)l));
            DrawPrefix(order, 0, shared, ref random);
            sharedNodes[l] = order.AsSpan(0, shared).ToArray();
            for (int i = 0; i < shared; i++)
                sharedNodes[l][i] += offset;
            selected[l] = new int[classes][];
            for (int k = 0; k < classes; k++)
            {
                var classRandom = new SplitMix64(Streams.Key(seed, Streams.RandomNeurashedGraph, (ulong)l, (ulong)k + 1));
                DrawPrefix(order, shared, perClass, ref classRandom);
                var nodes = new int[shared + perClass];
                sharedNodes[l].CopyTo(nodes, 0);
                for (int i = 0; i < perClass; i++)
                    nodes[shared + i] = order[shared + i] + offset;
                selected[l][k] = nodes;
            }
        }

        int nodeCount = featureLevels * width + classes;
        var dependents = new HashSet<int>?[nodeCount];
        for (int l = 1; l < featureLevels; l++)
            for (int k = 0; k < classes; k++)
                foreach (int node in selected[l][k])
                    (dependents[node] ??= []).UnionWith(selected[l - 1][k]);
        for (int k = 0; k < classes; k++)
            dependents[featureLevels * width + k] = [.. selected[featureLevels - 1][k]];

        var rule = FiringRule.AtLeast(shared + (perClass + 1) / 2);
        var rules = new FiringRule[nodeCount];
        var rows = new int[nodeCount][];
        var names = new string[nodeCount];
        for (int node = 0; node < nodeCount; node++)
        {
            var set = dependents[node];
            rows[node] = set is null ? [] : [.. set.Order()];
            rules[node] = set is null ? FiringRule.Any : rule;
            names[node] = node < featureLevels * width
                ? $"L{node / width + 1}.{node % width}"
                : $"class{node - featureLevels * width}";
        }
        var levelSizes = Enumerable.Repeat(width, featureLevels).Append(classes).ToArray();
        return new RandomNeurashed(new NeurashedGraph(levelSizes, names, rules, rows), sharedNodes, selected, shared, perClass);
    }

    /// <summary>B1 on <paramref name="level"/> (1..L−1).</summary>
    public ReadOnlySpan<int> SharedNodes(int level) => _shared[level - 1];

    /// <summary>S_k = B1 ∪ B2_k on <paramref name="level"/> (1..L−1): the nodes class <paramref name="classIndex"/> selected.</summary>
    public ReadOnlySpan<int> SelectedNodes(int level, int classIndex) => _selected[level - 1][classIndex];

    /// <summary>One input per class: class k fires its selected level-1 nodes. Input k has label k.</summary>
    public NeurashedInputs ClassInputs() =>
        NeurashedInputs.FromIndices(Graph,
            Enumerable.Range(0, Graph.ClassCount).Select(k => (IReadOnlyList<int>)_selected[0][k]).ToArray(),
            Enumerable.Range(0, Graph.ClassCount).ToArray());

    private static void DrawPrefix(int[] order, int start, int count, ref SplitMix64 random)
    {
        for (int i = start; i < start + count; i++)
        {
            int j = i + random.NextInt(order.Length - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
