namespace EvoDsl.Neurashed;

/// <summary>
/// Finds an input's feature pathway (its firing nodes) and, on request, the scores S_F and logits Z_j
/// (paper 002, §2, eq. 2.1). Works by pushing upward from the firing level-1 nodes through the
/// graph's parent rows, so the cost is the out-degree of the firing nodes, not the size of the graph.
/// All scratch is allocated here once; per-evaluation state is invalidated by a stamp, not cleared.
/// </summary>
public sealed class FeaturePathway
{
    // A node's state in the current evaluation, packed so a push touches one word: the high half is
    // the evaluation's stamp (anything else means "untouched"), the low half the number of firing
    // dependents still needed; a firing node's low half is set far above any in-degree.
    private const int FiredMark = 0x7FFFFFFF;
    private const int FiredFloor = 0x40000000;

    private readonly NeurashedGraph _graph;
    private readonly int[] _firing;      // firing nodes in level order (a FIFO over the levels)
    private readonly long[] _state;
    private readonly double[] _sum;      // Σ S_f over firing dependents (η-weighted for class nodes)
    private readonly double[] _score;    // S_F of a firing node
    private int _count;
    private int _stamp;
    private bool _scored;

    public FeaturePathway(NeurashedGraph graph)
    {
        _graph = graph;
        int n = graph.NodeCount;
        _firing = new int[n];
        _state = new long[n];
        _sum = new double[n];
        _score = new double[n];
    }

    public NeurashedGraph Graph => _graph;

    /// <summary>The firing nodes of the last evaluation, level by level (classes last).</summary>
    public ReadOnlySpan<int> FiringNodes => _firing.AsSpan(0, _count);

    public bool Fires(int node) => _stamp != 0 && Touched(node) && (int)_state[node] >= FiredFloor;

    /// <summary>Finds the pathway of an input whose firing level-1 nodes are <paramref name="features"/>.</summary>
    public void Find(ReadOnlySpan<int> features)
    {
        Begin(features, score: false);
        int[] thresholds = _graph.Thresholds;
        int[] parentStarts = _graph.ParentStarts;
        int[] parents = _graph.Parents;
        long[] state = _state;
        int[] firing = _firing;
        long stampBits = (long)_stamp << 32;
        int count = _count;
        // FIFO order is level order: a node is queued only while its level below is being processed.
        for (int i = 0; i < count; i++)
        {
            int node = firing[i];
            for (int k = parentStarts[node]; k < parentStarts[node + 1]; k++)
            {
                int parent = parents[k];
                long v = state[parent];
                if ((v & ~0xFFFFFFFFL) != stampBits)
                    v = stampBits | (uint)thresholds[parent];
                v--;
                if ((int)v == 0)
                {
                    v = stampBits | FiredMark;
                    firing[count++] = parent;
                }
                state[parent] = v;
            }
        }
        _count = count;
    }

    /// <summary>
    /// Finds the pathway and the scores: level 1 S_F = λ_F, above S_F = λ_F Σ_{f→F} S_f over firing
    /// dependents (0 if F does not fire), and Z_j = Σ_{f→F_j} η_{fF_j} S_f into <paramref name="logits"/>.
    /// </summary>
    public void Evaluate(ReadOnlySpan<int> features, ReadOnlySpan<double> lambda, ReadOnlySpan<double> eta, Span<double> logits)
    {
        if (lambda.Length != _graph.AmplifiedCount || eta.Length != _graph.ClassEdgeCount)
            throw new ArgumentException("λ needs one value per non-class node and η one per class edge");
        if (logits.Length != _graph.ClassCount)
            throw new ArgumentException($"logits needs {_graph.ClassCount} entries", nameof(logits));
        Begin(features, score: true);
        int[] thresholds = _graph.Thresholds;
        int[] parentStarts = _graph.ParentStarts;
        int[] parents = _graph.Parents;
        int[] parentEdges = _graph.ParentEdges;
        int featureCount = _graph.FeatureCount;
        int firstClass = _graph.FirstClass;
        int classEdgeOffset = _graph.ClassEdgeOffset;
        int belowClasses = _graph.NodesOn(_graph.Levels - 1).Start.Value; // nodes whose parents are classes
        long[] state = _state;
        int[] firing = _firing;
        long stampBits = (long)_stamp << 32;
        int count = _count;
        for (int i = 0; i < count; i++)
        {
            int node = firing[i];
            if (node >= firstClass)
                continue; // classes are last and have no parents
            // All of node's firing dependents were dequeued before it, so its sum is complete.
            double s = node < featureCount ? lambda[node] : lambda[node] * _sum[node];
            _score[node] = s;
            bool toClasses = node >= belowClasses;
            for (int k = parentStarts[node]; k < parentStarts[node + 1]; k++)
            {
                int parent = parents[k];
                long v = state[parent];
                if ((v & ~0xFFFFFFFFL) != stampBits)
                {
                    v = stampBits | (uint)thresholds[parent];
                    _sum[parent] = 0;
                }
                _sum[parent] += toClasses ? eta[parentEdges[k] - classEdgeOffset] * s : s;
                v--;
                if ((int)v == 0)
                {
                    v = stampBits | FiredMark;
                    firing[count++] = parent;
                }
                state[parent] = v;
            }
        }
        _count = count;
        for (int j = 0; j < logits.Length; j++)
            logits[j] = Touched(firstClass + j) ? _sum[firstClass + j] : 0;
    }

    /// <summary>S_F of <paramref name="node"/> after <see cref="Evaluate"/> (the logit for a class node).</summary>
    public double ScoreOf(int node)
    {
        if (!_scored)
            throw new InvalidOperationException("call Evaluate before reading scores");
        if (node >= _graph.FirstClass)
            return Touched(node) ? _sum[node] : 0;
        return Fires(node) ? _score[node] : 0;
    }

    /// <summary>The score vector of one level (1-based) after <see cref="Evaluate"/>; the last level gives the logits.</summary>
    public void ScoresOn(int level, Span<double> scores)
    {
        var nodes = _graph.NodesOn(level);
        int start = nodes.Start.Value;
        if (scores.Length != nodes.End.Value - start)
            throw new ArgumentException($"level {level} has {nodes.End.Value - start} nodes", nameof(scores));
        for (int i = 0; i < scores.Length; i++)
            scores[i] = ScoreOf(start + i);
    }

    private bool Touched(int node) => (int)(_state[node] >> 32) == _stamp;

    // A new stamp invalidates every node's state at once; the level-1 features are queued as firing.
    private void Begin(ReadOnlySpan<int> features, bool score)
    {
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_state);
            _stamp = 0;
        }
        _stamp++;
        _scored = score;
        long firedState = ((long)_stamp << 32) | FiredMark;
        int featureCount = _graph.FeatureCount;
        _count = 0;
        foreach (int feature in features)
        {
            if ((uint)feature >= (uint)featureCount)
                throw new ArgumentOutOfRangeException(nameof(features), $"feature {feature} is not a level-1 node (0..{featureCount - 1})");
            if (_state[feature] == firedState)
                continue;
            _state[feature] = firedState;
            _firing[_count++] = feature;
        }
    }
}
