using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvoDsl.Dnn;
using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Nne;

namespace EvoDsl.Baselines;

/// <summary>
/// Table 1's "SGD": the NNE architecture trained by backpropagation. The sparse 784→H graph is the
/// one <see cref="NneNetwork.Create"/> draws from the same seed (each edge with the edge probability),
/// the H→K layer is dense, there are no biases; both layers start random (He-uniform on each hidden
/// unit's actual fan-in, U(±1/sqrt(H)) on the output) and both train on the mean cross-entropy of
/// mini-batches by Adam or plain SGD. One step is one epoch in a seeded, per-epoch order.
/// The epoch runs on one thread (a batch of a few dozen examples is too little work to share);
/// evaluation runs on the worker pool.
/// </summary>
public sealed class SparseNetworkSgdTraining : ITrainer
{
    private const int ExamplesPerChunk = 512;

    private readonly SparseNetworkSgdSettings _settings;
    private readonly RunContext _context;
    private readonly SparseRows _train;
    private readonly WorkerPool _workers;
    private readonly float[] _firstLayerGradient;
    private readonly OutputGradient _outputGradient;
    private readonly float[] _firstMoment1;
    private readonly float[] _secondMoment1;
    private readonly AlignedVectors _firstMoment2;
    private readonly AlignedVectors _secondMoment2;
    private readonly Scratch[] _scratch;
    private readonly EpochOrder _order;
    private readonly ChunkedScoring _scoring;
    private long _steps;

    public SparseNetworkSgdTraining(SparseNetworkSgdSettings settings, RunContext context)
    {
        Check.LearningRate(settings.LearningRate);
        Check.BatchSize(settings.BatchSize);
        RandomFeatures.CheckData(context);
        if (settings.Hidden < 1)
            throw new EvoDslException($"the hidden layer has {settings.Hidden} units; use at least 1");
        if (settings.EdgeProbability is not (> 0 and <= 1))
            throw new EvoDslException($"the edge probability is {settings.EdgeProbability}; use a value in (0, 1] (paper: 0.1)");
        _settings = settings;
        _context = context;
        int hidden = settings.Hidden;

        // The NNE graph of this seed, laid out as one tile (edges grouped by input pixel); no genes.
        Network = NneNetwork.Create(context.Train.Features, hidden, context.Train.Classes, settings.EdgeProbability,
            genes: 0, geneDensity: 0, weightGain: 1, context.Seed, tileSize: hidden);
        FirstLayer = new float[Network.FirstLayerLinks];
        Output = new OutputLayer(hidden, context.Train.Classes);
        Initialise();

        _train = SparseRows.FromDense(context.Train.Pixels, context.Train.Count, context.Train.Features);
        var test = SparseRows.FromDense(context.Test.Pixels, context.Test.Count, context.Test.Features);
        _firstLayerGradient = new float[FirstLayer.Length];
        _outputGradient = new OutputGradient(hidden);
        _firstMoment1 = new float[FirstLayer.Length];
        _secondMoment1 = new float[FirstLayer.Length];
        _firstMoment2 = new AlignedVectors(hidden);
        _secondMoment2 = new AlignedVectors(hidden);
        _workers = WorkerPool.ForThreads(context.Threads);
        _scratch = new Scratch[_workers.Workers];
        for (int w = 0; w < _scratch.Length; w++)
            _scratch[w] = new Scratch(hidden);
        _order = new EpochOrder(_train.Rows, context.Seed);
        _scoring = new ChunkedScoring(_workers, ExamplesPerChunk,
            new ScoredRows(this, _train, context.Train.Labels), new ScoredRows(this, test, context.Test.Labels));
    }

    /// <summary>The edge graph (NNE's for this seed; its gene map is empty).</summary>
    public NneNetwork Network { get; }

    /// <summary>One weight per edge of the graph, in the graph's edge order.</summary>
    public float[] FirstLayer { get; }

    /// <summary>The dense hidden→output weights.</summary>
    public OutputLayer Output { get; }

    public int Completed { get; private set; }

    public long UnitsPerStep => _train.Rows;

    public double LastStepScore { get; private set; }

    private void Initialise()
    {
        var fanIn = new int[Network.Hidden];
        foreach (int j in Network.EdgeTarget)
            fanIn[j]++;
        var random = new SplitMix64(Streams.Key(_context.Seed, Streams.SparseNetworkInit));
        for (int e = 0; e < FirstLayer.Length; e++)
            FirstLayer[e] = MathF.Sqrt(6f / fanIn[Network.EdgeTarget[e]]) * (2f * random.NextFloat() - 1f); // He uniform on the unit's fan-in
        Output.InitialiseUniform(_context.Seed);
    }

    /// <summary>One epoch of mini-batch steps. Allocates nothing.</summary>
    public void Step()
    {
        int[] labels = _context.Train.Labels;
        double lossSum = 0;
        foreach (ReadOnlySpan<int> batch in _order.InMiniBatches(Completed, _settings.BatchSize))
        {
            foreach (int row in batch)
                lossSum += Backpropagate(_train.ColumnsOf(row), _train.ValuesOf(row), labels[row]);
            ApplyGradient(batch.Length);
        }
        LastStepScore = lossSum / _train.Rows;
        Completed++;
    }

    /// <summary>Forward pass, then adds this example's cross-entropy gradient to the batch's; returns its loss.</summary>
    internal float Backpropagate(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, int label)
    {
        Scratch scratch = _scratch[0];
        var prediction = Forward(columns, values, label, scratch);
        ReadOnlySpan<int> active = scratch.Active.AsSpan(0, scratch.ActiveCount);
        ReadOnlySpan<float> activity = scratch.Activity.AsSpan(0, scratch.ActiveCount);
        Vector512<float> error = prediction.Error;

        // ∂L/∂W2_i = h_i·(z − ℓ);  ∂L/∂h_i = W2_i·(z − ℓ), passed back only where ReLU was open (h_i > 0).
        _outputGradient.Add(active, activity, error);
        float[] delta = scratch.Hidden;
        Span<Vector512<float>> output = Output.Rows;
        foreach (int i in active)
            delta[i] = Vector512.Dot(output[i], error);

        // ∂L/∂w_e = x_p·δ_j for the edge e: p → j. The same walk over the active pixels' edges as Forward's
        // h_j += x_p·w_e, kept apart on purpose: each inner loop is its equation, and a shared walk would need a visitor in this hot loop.
        ref float gradient = ref MemoryMarshal.GetArrayDataReference(_firstLayerGradient);
        ref float d = ref MemoryMarshal.GetArrayDataReference(delta);
        ref int edgeTarget = ref MemoryMarshal.GetArrayDataReference(Network.EdgeTarget);
        int[] edgeStart = Network.EdgeStart;
        for (int t = 0; t < columns.Length; t++)
        {
            float x = values[t];
            int end = edgeStart[columns[t] + 1];
            for (int e = edgeStart[columns[t]]; e < end; e++)
                Unsafe.Add(ref gradient, e) += x * Unsafe.Add(ref d, Unsafe.Add(ref edgeTarget, e));
        }
        return prediction.Loss;
    }

    /// <summary>The network's prediction; leaves the active hidden units in the scratch and ReLU(h) in its hidden buffer.</summary>
    private Prediction Forward(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, int label, Scratch scratch)
    {
        float[] hidden = scratch.Hidden;
        Array.Clear(hidden);
        ref float h = ref MemoryMarshal.GetArrayDataReference(hidden);
        ref float w = ref MemoryMarshal.GetArrayDataReference(FirstLayer);
        ref int edgeTarget = ref MemoryMarshal.GetArrayDataReference(Network.EdgeTarget);
        int[] edgeStart = Network.EdgeStart;
        for (int t = 0; t < columns.Length; t++)
        {
            float x = values[t];
            int end = edgeStart[columns[t] + 1];
            for (int e = edgeStart[columns[t]]; e < end; e++)
                Unsafe.Add(ref h, Unsafe.Add(ref edgeTarget, e)) += x * Unsafe.Add(ref w, e);
        }
        int n = 0;
        for (int j = 0; j < hidden.Length; j++)
        {
            if (hidden[j] > 0f)
            {
                scratch.Active[n] = j;
                scratch.Activity[n] = hidden[j];
                n++;
            }
            else
            {
                hidden[j] = 0f; // ReLU in place: a closed unit passes no error back
            }
        }
        scratch.ActiveCount = n;
        return new Prediction(Output.Logits(scratch.Active.AsSpan(0, n), scratch.Activity.AsSpan(0, n)), label, Output.ClassLanes);
    }

    /// <summary>The batch's mean gradient into an Adam or plain SGD step on both layers; then the gradient is cleared.</summary>
    internal void ApplyGradient(int examples)
    {
        float rate = (float)_settings.LearningRate;
        Span<float> outputGradient = _outputGradient.SumValues;
        if (_settings.Optimizer == Optimizer.Adam)
        {
            _steps++;
            Adam.Step(FirstLayer, _firstMoment1, _secondMoment1, _firstLayerGradient, 1f / examples, rate, _steps);
            Adam.Step(Output.Values, _firstMoment2.Floats, _secondMoment2.Floats, outputGradient, 1f / examples, rate, _steps);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(_firstLayerGradient, -rate / examples, FirstLayer, FirstLayer);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(outputGradient, -rate / examples, Output.Values, Output.Values);
        }
        Array.Clear(_firstLayerGradient);
        _outputGradient.Clear();
    }

    /// <summary>The accumulated gradient of the first layer (tests compare it with finite differences).</summary>
    internal ReadOnlySpan<float> FirstLayerGradient => _firstLayerGradient;

    internal ReadOnlySpan<float> OutputGradientValues => _outputGradient.SumValues;

    /// <summary>Cross-entropy of one example at the current weights.</summary>
    internal float Loss(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, int label) =>
        Forward(columns, values, label, _scratch[0]).Loss;

    public (double Accuracy, double Loss) Score(bool testSet)
    {
        ScoreTotals totals = _scoring.Score(testSet);
        return (totals.Accuracy, totals.Loss);
    }

    /// <summary>epoch, then loss and accuracy on the training and the test set.</summary>
    public IReadOnlyList<Metric> Evaluate() => _scoring.EpochMetrics(Completed);

    /// <summary>Nothing beyond the metrics: the weights are in the checkpoint.</summary>
    public void WriteArtifacts(string directory)
    {
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write("sparse-network-sgd");
        writer.Write(Completed);
        writer.Write(LastStepScore);
        writer.Write(_steps);
        BinaryState.Write(writer, FirstLayer);
        Output.WriteState(writer);
        BinaryState.Write(writer, _firstMoment1);
        BinaryState.Write(writer, _secondMoment1);
        BinaryState.Write(writer, _firstMoment2.Floats);
        BinaryState.Write(writer, _secondMoment2.Floats);
    }

    public void ReadState(BinaryReader reader)
    {
        string kind = reader.ReadString();
        if (kind != "sparse-network-sgd")
            throw new UnreadableCheckpointException($"the checkpoint holds a {kind} trainer, not the sparse-network SGD baseline");
        int completed = reader.ReadInt32();
        double lastScore = reader.ReadDouble();
        long steps = reader.ReadInt64();
        if (completed < 0 || steps < 0)
            throw new UnreadableCheckpointException("the checkpoint's epoch or step count is negative; it is damaged");
        BinaryState.Read(reader, FirstLayer, "first-layer weights");
        Output.ReadState(reader);
        BinaryState.Read(reader, _firstMoment1, "first-layer Adam moments");
        BinaryState.Read(reader, _secondMoment1, "first-layer Adam moments");
        BinaryState.Read(reader, _firstMoment2.Floats, "output-layer Adam moments");
        BinaryState.Read(reader, _secondMoment2.Floats, "output-layer Adam moments");
        Completed = completed;
        LastStepScore = lastScore;
        _steps = steps;
    }

    public void Dispose() => _workers.Dispose();

    /// <summary>A training or test set through the current network, with each worker's own scratch.</summary>
    private sealed class ScoredRows(SparseNetworkSgdTraining network, SparseRows rows, int[] labels) : IScoredExamples
    {
        public int Count => rows.Rows;

        public ExampleScore Score(int worker, int row)
        {
            Prediction prediction = network.Forward(rows.ColumnsOf(row), rows.ValuesOf(row), labels[row], network._scratch[worker]);
            return new ExampleScore(prediction.Correct, prediction.Loss);
        }
    }

    /// <summary>One worker's buffers: the hidden layer (then its back-propagated error) and its active units.</summary>
    private sealed class Scratch(int hidden)
    {
        public readonly float[] Hidden = new float[hidden];
        public readonly int[] Active = new int[hidden];
        public readonly float[] Activity = new float[hidden];
        public int ActiveCount;
    }
}
