namespace EvoDsl.Neurashed;

/// <summary>
/// Finds an input's feature pathway (its firing nodes) and, on request, the scores S_F and logits Z_j
/// (paper 002, §2, eq. 2.1). Works by pushing upward from the firing level-1 nodes through the
/// graph's parent rows, so the cost is the out-degree of the firing nodes, not the size of the graph.
/// All scratch is allocated here once; per-evaluation state is invalidated by a stamp, not cleared.
/// </summary>
public sealed class FeaturePathway
{
    private readonly NeurashedGraph _graph;
    private readonly int[] _firing;      // firing nodes in level order (a FIFO over the levels)
    private readonly int[] _touched;     // stamp: _hits/_sum of this node belong to the current evaluation
    private readonly int[] _fired;       // stamp: the node fires in the current evaluation
    private readonly int[] _hits;        // firing dependents seen so far
    private readonly double[] _sum;      // Σ S_f over firing dependents (η-weighted for class nodes)
    private readonly double[] _score;    // S_F of a firing node; the logit Z_j of a class node
    private int _count;
    private int _stamp;
    private bool _scored;

    public FeaturePathway(NeurashedGraph graph)
    {
        _graph = graph;
        int n = graph.NodeCount;
        _firing = new int[n];
        _touched = new int[n];
        _fired = new int[n];
        _hits = new int[n];
        _sum = new double[n];
        _score = new double[n];
    }

    public NeurashedGraph Graph => _graph;

    /// <summary>The firing nodes of the last evaluation, level by level (classes last).</summary>
    public ReadOnlySpan<int> FiringNodes => _firing.AsSpan(0, _count);

    public bool Fires(int node) => _stamp != 0 && _fired[node] == _stamp;

    /// <summary>Finds the pathway of an input whose firing level-1 nodes are <paramref name="features"/>.</summary>
    public void Find(ReadOnlySpan<int> features) => Propagate(features, default, default, score: false);

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
        Propagate(features, lambda, eta, score: true);
        int firstClass = _graph.FirstClass;
        for (int j = 0; j < logits.Length; j++)
            logits[j] = _touched[firstClass + j] == _stamp ? _sum[firstClass + j] : 0;
    }

    /// <summary>S_F of <paramref name="node"/> after <see cref="Evaluate"/> (the logit for a class node).</summary>
    public double ScoreOf(int node)
    {
        if (!_scored)
            throw new InvalidOperationException("call Evaluate before reading scores");
        if (node >= _graph.FirstClass)
            return _touched[node] == _stamp ? _sum[node] : 0;
        return _fired[node] == _stamp ? _score[node] : 0;
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

    private void Propagate(ReadOnlySpan<int> features, ReadOnlySpan<double> lambda, ReadOnlySpan<double> eta, bool score)
    {
        NextStamp();
        _scored = score;
        int stamp = _stamp;
        int featureCount = _graph.FeatureCount;
        _count = 0;
        foreach (int feature in features)
        {
            if ((uint)feature >= (uint)featureCount)
                throw new ArgumentOutOfRangeException(nameof(features), $"feature {feature} is not a level-1 node (0..{featureCount - 1})");
            if (_fired[feature] == stamp)
                continue;
            _fired[feature] = stamp;
            _firing[_count++] = feature;
        }

        int[] thresholds = _graph.Thresholds;
        int[] parentStarts = _graph.ParentStarts;
        int[] parents = _graph.Parents;
        int[] parentEdges = _graph.ParentEdges;
        int firstClass = _graph.FirstClass;
        int classEdgeOffset = _graph.ClassEdgeOffset;
        // FIFO order is level order: a node is queued only while its level below is being processed.
        for (int i = 0; i < _count; i++)
        {
            int node = _firing[i];
            double s = 0;
            if (score && node < firstClass)
            {
                s = node < featureCount ? lambda[node] : lambda[node] * _sum[node];
                _score[node] = s;
            }
            for (int k = parentStarts[node]; k < parentStarts[node + 1]; k++)
            {
                int parent = parents[k];
                if (_touched[parent] != stamp)
                {
                    _touched[parent] = stamp;
                    _hits[parent] = 0;
                    _sum[parent] = 0;
                }
                if (score)
                    _sum[parent] += parent >= firstClass ? eta[parentEdges[k] - classEdgeOffset] * s : s;
                if (++_hits[parent] == thresholds[parent])
                {
                    _fired[parent] = stamp;
                    _firing[_count++] = parent;
                }
            }
        }
    }

    private void NextStamp()
    {
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_touched);
            Array.Clear(_fired);
            _stamp = 0;
        }
        _stamp++;
    }
}
