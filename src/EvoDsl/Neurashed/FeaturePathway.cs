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
    private readonly double[] _score;    // S_F / 2^(its level's exponent) of a firing node
    private readonly int[] _levelExponent; // per level 1..L: the scores kept are S / 2^exponent
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
        _levelExponent = new int[graph.Levels + 1];
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
    /// A logit beyond the range of <c>double</c> comes out as ∞ here although λ and η are finite; use
    /// <see cref="EvaluateScaled"/> where that can happen.
    /// </summary>
    public void Evaluate(ReadOnlySpan<int> features, ReadOnlySpan<double> lambda, ReadOnlySpan<double> eta, Span<double> logits)
    {
        int exponent = EvaluateScaled(features, lambda, eta, logits);
        for (int j = 0; j < logits.Length; j++)
            logits[j] = Math.ScaleB(logits[j], exponent);
    }

    /// <summary>
    /// <see cref="Evaluate"/> without overflow: writes Z_j / 2^e into <paramref name="scaledLogits"/> and
    /// returns e. Each level's scores are kept divided by a power of two that brings the level's largest
    /// |score| into [1, 2) (and λ, η by one that brings the largest into [1, 2) before they multiply), so
    /// nothing overflows while λ and η are finite, however many levels multiply them; scaling by a power
    /// of two is exact, so the scores are bit for bit those of the plain product wherever that is in range.
    /// A score below 2^−1074 of its level's largest on the same input underflows to 0.
    /// </summary>
    public int EvaluateScaled(ReadOnlySpan<int> features, ReadOnlySpan<double> lambda, ReadOnlySpan<double> eta, Span<double> scaledLogits)
    {
        if (lambda.Length != _graph.AmplifiedCount || eta.Length != _graph.ClassEdgeCount)
            throw new ArgumentException("λ needs one value per non-class node and η one per class edge");
        if (scaledLogits.Length != _graph.ClassCount)
            throw new ArgumentException($"logits needs {_graph.ClassCount} entries", nameof(scaledLogits));
        Begin(features, score: true);
        int[] parentStarts = _graph.ParentStarts;
        int[] parents = _graph.Parents;
        int[] parentEdges = _graph.ParentEdges;
        int firstClass = _graph.FirstClass;
        int classEdgeOffset = _graph.ClassEdgeOffset;
        int levels = _graph.Levels;
        int[] firing = _firing;
        double[] sum = _sum;
        double[] score = _score;
        int count = _count;
        int exponent = 0; // the scores of the level being pushed are S / 2^exponent
        int i = 0;
        // FIFO order is level order, and a node is queued only while its level below is pushed: when
        // the first node of a level is reached, all of that level's firing nodes (and no others) are queued.
        while (i < count && firing[i] < firstClass)
        {
            int level = _graph.LevelOf(firing[i]);
            int end = count;
            // All of a node's firing dependents were pushed before it, so its sum is complete.
            double largestLambda = 0;
            for (int k = i; k < end; k++)
                largestLambda = Math.Max(largestLambda, Math.Abs(lambda[firing[k]]));
            int lambdaShift = ShiftOf(largestLambda);
            double largestScore = 0;
            for (int k = i; k < end; k++)
            {
                int node = firing[k];
                double l = Math.ScaleB(lambda[node], -lambdaShift);
                double s = level == 1 ? l : l * sum[node];
                score[node] = s;
                largestScore = Math.Max(largestScore, Math.Abs(s));
            }
            int scoreShift = ShiftOf(largestScore);
            exponent += lambdaShift + scoreShift;
            _levelExponent[level] = exponent;

            bool toClasses = level == levels - 1;
            double etaFactor = 1;
            if (toClasses)
            {
                double largestEta = 0;
                for (int k = i; k < end; k++)
                {
                    int node = firing[k];
                    for (int p = parentStarts[node]; p < parentStarts[node + 1]; p++)
                        largestEta = Math.Max(largestEta, Math.Abs(eta[parentEdges[p] - classEdgeOffset]));
                }
                int etaShift = Math.Clamp(ShiftOf(largestEta), -1000, 1000); // 2^−etaShift stays a normal double
                etaFactor = Math.ScaleB(1.0, -etaShift);
                _levelExponent[levels] = exponent + etaShift;
            }

            for (int k = i; k < end; k++)
            {
                int node = firing[k];
                double s = Math.ScaleB(score[node], -scoreShift);
                score[node] = s;
                int from = parentStarts[node], to = parentStarts[node + 1];
                if (toClasses)
                {
                    for (int p = from; p < to; p++)
                        Push(parents[p], eta[parentEdges[p] - classEdgeOffset] * etaFactor * s, ref count);
                    continue;
                }
                for (int p = from; p < to; p++)
                    Push(parents[p], s, ref count);
            }
            i = end;
        }
        _count = count;
        for (int j = 0; j < scaledLogits.Length; j++)
            scaledLogits[j] = Touched(firstClass + j) ? sum[firstClass + j] : 0;
        return _levelExponent[levels];
    }

    /// <summary>S_F of <paramref name="node"/> after <see cref="Evaluate"/> (the logit for a class node); ∞ beyond the range of double.</summary>
    public double ScoreOf(int node) => Math.ScaleB(ScaledScoreOf(node), _levelExponent[_graph.LevelOf(node)]);

    /// <summary>The score vector of one level (1-based) after <see cref="Evaluate"/>; the last level gives the logits.</summary>
    public void ScoresOn(int level, Span<double> scores)
    {
        int exponent = ScaledScoresOn(level, scores);
        for (int i = 0; i < scores.Length; i++)
            scores[i] = Math.ScaleB(scores[i], exponent);
    }

    /// <summary>
    /// The score vector of one level divided by 2^e, after <see cref="Evaluate"/> or <see cref="EvaluateScaled"/>;
    /// returns e (the level's scores are <paramref name="scores"/> · 2^e, finite while λ and η are).
    /// </summary>
    public int ScaledScoresOn(int level, Span<double> scores)
    {
        var nodes = _graph.NodesOn(level);
        int start = nodes.Start.Value;
        if (scores.Length != nodes.End.Value - start)
            throw new ArgumentException($"level {level} has {nodes.End.Value - start} nodes", nameof(scores));
        for (int i = 0; i < scores.Length; i++)
            scores[i] = ScaledScoreOf(start + i);
        return _levelExponent[level];
    }

    private double ScaledScoreOf(int node)
    {
        if (!_scored)
            throw new InvalidOperationException("call Evaluate before reading scores");
        if (node >= _graph.FirstClass)
            return Touched(node) ? _sum[node] : 0;
        return Fires(node) ? _score[node] : 0;
    }

    /// <summary>Adds a firing dependent's contribution to <paramref name="parent"/>'s sum and queues the parent once enough dependents fire.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Push(int parent, double contribution, ref int count)
    {
        long stampBits = (long)_stamp << 32;
        long v = _state[parent];
        if ((v & ~0xFFFFFFFFL) != stampBits)
        {
            v = stampBits | (uint)_graph.Thresholds[parent];
            _sum[parent] = 0;
        }
        _sum[parent] += contribution;
        v--;
        if ((int)v == 0)
        {
            v = stampBits | FiredMark;
            _firing[count++] = parent;
        }
        _state[parent] = v;
    }

    /// <summary>e with v / 2^e in [1, 2); 0 for 0 and for a value that is not finite (left to show as it is).</summary>
    private static int ShiftOf(double largest) => largest > 0 && double.IsFinite(largest) ? Math.ILogB(largest) : 0;

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
        Array.Clear(_levelExponent);
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
