using EvoDsl.Kernels;

namespace EvoDsl.Neurashed;

/// <summary>
/// Algorithm 1 (paper 002): each iteration samples a mini-batch of size B, takes G = the union of the
/// batch's feature pathways, and sets λ_F ← g+(λ_F) for F ∈ G, else g−(λ_F); a class edge f→F_j gets
/// η ← g+(η) if f and F_j both fire in G, else g−(η). TLambdaRule and TEtaRule are the rules for λ and η
/// (the paper uses one rule for both; Theorem 1 holds η fixed). Every buffer is allocated here, so
/// <see cref="Step"/> allocates nothing. Firing does not depend on λ or η, so an input's feature pathway
/// never changes: the constructor finds each input's pathway once (up to a memory budget) and an
/// update only marks the cached nodes of its batch.
/// </summary>
public sealed class NeurashedTraining<TLambdaRule, TEtaRule>
    where TLambdaRule : struct, IUpdateRule
    where TEtaRule : struct, IUpdateRule
{
    private readonly NeurashedModel _model;
    private readonly NeurashedInputs _inputs;
    private readonly FeaturePathway _pathway;
    private readonly ulong _seed;
    private readonly int[] _inUnion;     // stamp: the node is in G of the current update
    private readonly int[] _inBatch;     // stamp: the input was already merged into G of the current update
    private readonly int[] _pathwayStart;
    private readonly int[] _pathwayLength; // −1: not cached, found at each use
    private readonly int[] _pathwayNodes;
    private readonly int[] _batch;
    private readonly int[] _permutation; // the current epoch's order (Reshuffled)
    private long _permutationEpoch = -1;
    private int _unionStamp;

    /// <param name="maxCachedPathwayNodes">The most pathway nodes, summed over inputs, kept in memory (4 bytes each).</param>
    public NeurashedTraining(NeurashedModel model, NeurashedInputs inputs, int batchSize, BatchSampling sampling, ulong seed,
        int maxCachedPathwayNodes = 1 << 24)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (inputs.Count == 0)
            throw new EvoDslException("Algorithm 1 needs at least one input.");
        _model = model;
        _inputs = inputs;
        _pathway = new FeaturePathway(model.Graph);
        BatchSize = batchSize;
        Sampling = sampling;
        _seed = seed;
        _inUnion = new int[model.Graph.NodeCount];
        _batch = new int[batchSize];
        _permutation = sampling == BatchSampling.Reshuffled ? new int[inputs.Count] : [];
        _inBatch = new int[inputs.Count];
        _pathwayStart = new int[inputs.Count];
        _pathwayLength = new int[inputs.Count];
        var nodes = new List<int>();
        for (int input = 0; input < inputs.Count; input++)
        {
            _pathway.Find(inputs.FeaturesOf(input));
            var firing = _pathway.FiringNodes;
            bool fits = nodes.Count + firing.Length <= maxCachedPathwayNodes;
            _pathwayStart[input] = nodes.Count;
            _pathwayLength[input] = fits ? firing.Length : -1;
            if (fits)
                nodes.AddRange(firing);
        }
        _pathwayNodes = nodes.ToArray();
    }

    public NeurashedModel Model => _model;

    public NeurashedInputs Inputs => _inputs;

    public int BatchSize { get; }

    public BatchSampling Sampling { get; }

    /// <summary>Updates done so far; the next batch is drawn for this iteration.</summary>
    public long Iteration { get; private set; }

    /// <summary>The batch of the last <see cref="Step"/>, as input indices.</summary>
    public ReadOnlySpan<int> LastBatch => _batch;

    /// <summary>Whether <paramref name="node"/> was in G, the union of pathways, of the last update.</summary>
    public bool InUnion(int node) => _unionStamp != 0 && _inUnion[node] == _unionStamp;

    /// <summary>Continues from <paramref name="iteration"/> (a checkpoint's): batches depend only on the seed and the iteration.</summary>
    public void Restart(long iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        Iteration = iteration;
    }

    /// <summary>One iteration of Algorithm 1 on a batch drawn for <see cref="Iteration"/>.</summary>
    public void Step()
    {
        SampleBatch(Iteration, _batch);
        Update(_batch);
    }

    /// <summary>The batch Algorithm 1 draws at <paramref name="iteration"/>; depends only on the seed and the iteration.</summary>
    public void SampleBatch(long iteration, Span<int> batch)
    {
        int n = _inputs.Count;
        if (Sampling == BatchSampling.WithReplacement)
        {
            var random = new SplitMix64(Streams.Key(_seed, Streams.Batches, (ulong)iteration));
            for (int k = 0; k < batch.Length; k++)
                batch[k] = random.NextInt(n);
            return;
        }
        for (int k = 0; k < batch.Length; k++)
        {
            long position = iteration * batch.Length + k;
            long epoch = position / n;
            if (epoch != _permutationEpoch)
                Shuffle(epoch);
            batch[k] = _permutation[(int)(position - epoch * n)];
        }
    }

    /// <summary>
    /// The body of Algorithm 1 for a given batch of input indices (e.g. a single base input, to
    /// measure local elasticity); advances <see cref="Iteration"/>.
    /// </summary>
    public void Update(ReadOnlySpan<int> batch)
    {
        if (_unionStamp == int.MaxValue)
        {
            Array.Clear(_inUnion);
            Array.Clear(_inBatch);
            _unionStamp = 0;
        }
        int stamp = ++_unionStamp;
        foreach (int input in batch)
        {
            if (_inBatch[input] == stamp)
                continue; // a repeated input adds nothing to the union
            _inBatch[input] = stamp;
            ReadOnlySpan<int> pathway;
            if (_pathwayLength[input] >= 0)
                pathway = _pathwayNodes.AsSpan(_pathwayStart[input], _pathwayLength[input]);
            else
            {
                _pathway.Find(_inputs.FeaturesOf(input));
                pathway = _pathway.FiringNodes;
            }
            foreach (int node in pathway)
                _inUnion[node] = stamp;
        }

        long iteration = Iteration;
        Span<double> lambda = _model.AmplificationFactors;
        for (int node = 0; node < lambda.Length; node++)
            lambda[node] = _inUnion[node] == stamp
                ? TLambdaRule.Grow(lambda[node], node, iteration)
                : TLambdaRule.Shrink(lambda[node], node, iteration);

        var graph = _model.Graph;
        Span<double> eta = _model.ClassEdgeWeights;
        int offset = graph.ClassEdgeOffset;
        for (int classNode = graph.FirstClass; classNode < graph.NodeCount; classNode++)
        {
            bool classFires = _inUnion[classNode] == stamp;
            var dependents = graph.DependentsOf(classNode);
            int first = graph.FirstEdgeOf(classNode) - offset;
            for (int k = 0; k < dependents.Length; k++)
            {
                int edge = first + k;
                eta[edge] = classFires && _inUnion[dependents[k]] == stamp
                    ? TEtaRule.Grow(eta[edge], edge, iteration)
                    : TEtaRule.Shrink(eta[edge], edge, iteration);
            }
        }
        Iteration++;
    }

    /// <summary>The epoch's order of the inputs, from a stream keyed by the epoch.</summary>
    private void Shuffle(long epoch)
    {
        SplitMix64.Shuffle(_permutation, Streams.Key(_seed, Streams.Batches, (ulong)epoch, 1));
        _permutationEpoch = epoch;
    }
}
