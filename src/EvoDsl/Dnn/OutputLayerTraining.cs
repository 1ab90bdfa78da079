using System.Globalization;
using System.Text;
using EvoDsl.Training;
using EvoDsl.Kernels;

namespace EvoDsl.Dnn;

/// <summary>Creates the output-layer training of the systems built on the fixed random layer.</summary>
public static class OutputLayerTraining
{
    /// <summary>
    /// The random layer's features of the run, built on a new pool of its threads, and the training of
    /// <see cref="RandomFeatures.InitialOutputLayer"/> on them by the rule <paramref name="rule"/> makes for the
    /// layer's width: the DNN, SignSGD and the Adam/SGD baseline. The training owns the pool.
    /// </summary>
    public static (RandomFeatures Features, OutputLayerTraining<TRule> Training) OnRandomFeatures<TRule>(
        string kind, RandomLayerSettings settings, RunContext context, Func<int, TRule> rule)
        where TRule : struct, IOutputLayerRule =>
        WorkerPool.BuildOwner(context.Threads, workers =>
        {
            RandomFeatures features = RandomFeatures.Build(settings, context, workers);
            OutputLayer layer = RandomFeatures.InitialOutputLayer(settings.Hidden, context);
            return (features, new OutputLayerTraining<TRule>(kind, features.Train, features.Test, layer, rule(settings.Hidden), context.Seed, workers));
        });
}

/// <summary>
/// Trains an output layer on fixed hidden features, one epoch per <see cref="Step"/>: the examples in
/// a seeded order (a fresh shuffle keyed by the epoch, so a resumed run continues exactly), each
/// through the forward pass, then <typeparamref name="TRule"/>. Shared by the DNN, SignSGD, the
/// Adam/SGD baseline and NNE + SignSGD: they differ only in their features and their rule.
/// The epoch is sequential (a batch-1 rule has no parallel form that gives the same result);
/// evaluation runs on the worker pool in fixed chunks summed in order.
/// </summary>
public sealed class OutputLayerTraining<TRule> : ITrainer
    where TRule : struct, IOutputLayerRule
{
    private const int ExamplesPerChunk = 1024;

    private readonly FixedFeatures _train;
    private readonly WorkerPool _workers;
    private readonly EpochOrder _order;
    private readonly ChunkedScoring _scoring;
    private readonly string _kind;
    private TRule _rule;

    /// <param name="kind">Names the trainer in checkpoints, so a state is only read back into its own kind.</param>
    /// <param name="workers">The pool evaluation runs on; disposed with this trainer.</param>
    public OutputLayerTraining(string kind, FixedFeatures train, FixedFeatures test, OutputLayer layer, TRule rule, ulong seed, WorkerPool workers)
    {
        if (train.Hidden != layer.Hidden || test.Hidden != layer.Hidden)
            throw new ArgumentException("features and output layer disagree on the hidden width");
        if (rule.BatchSize < 1)
            throw new EvoDslException($"the batch size is {rule.BatchSize}; use at least 1");
        _kind = kind;
        _train = train;
        Layer = layer;
        _rule = rule;
        _workers = workers;
        _order = new EpochOrder(train.Rows, seed);
        _scoring = new ChunkedScoring(workers, ExamplesPerChunk, new ScoredFeatures(train, layer), new ScoredFeatures(test, layer));
    }

    public OutputLayer Layer { get; }

    public TRule Rule => _rule;

    /// <summary>Epochs completed.</summary>
    public int Completed { get; private set; }

    /// <summary>Examples per epoch.</summary>
    public long UnitsPerStep => _train.Rows;

    /// <summary>Mean cross-entropy over the last epoch, each example's loss taken before its own update.</summary>
    public double LastStepScore { get; private set; }

    /// <summary>One epoch over the training set. Allocates nothing.</summary>
    public void Step()
    {
        int[] labels = _train.Labels;
        double lossSum = 0;
        foreach (ReadOnlySpan<int> batch in _order.InMiniBatches(Completed, _rule.BatchSize))
        {
            foreach (int row in batch)
            {
                ReadOnlySpan<int> active = _train.IndicesOf(row);
                ReadOnlySpan<float> activity = _train.ValuesOf(row);
                var prediction = new Prediction(Layer.Logits(active, activity), labels[row], Layer.ClassLanes);
                lossSum += prediction.Loss;
                _rule.Learn(Layer, active, activity, prediction);
            }
            _rule.EndBatch(Layer, batch.Length);
        }
        int rows = _train.Rows;
        LastStepScore = rows == 0 ? 0 : lossSum / rows;
        Completed++;
    }

    /// <summary>Accuracy and mean cross-entropy of the current weights on the training or test features.</summary>
    public (double Accuracy, double Loss) Score(bool testSet)
    {
        ScoreTotals totals = _scoring.Score(testSet);
        return (totals.Accuracy, totals.Loss);
    }

    /// <summary>epoch, then loss and accuracy on the training and the test set.</summary>
    public IReadOnlyList<Metric> Evaluate() => _scoring.EpochMetrics(Completed);

    /// <summary>output-layer.csv: per output, the mean, spread and range of its incoming weights.</summary>
    public void WriteArtifacts(string directory)
    {
        var csv = new StringBuilder("output,mean,std,min,max,positive_fraction\n");
        Span<float> values = Layer.Values;
        for (int j = 0; j < Layer.Classes; j++)
        {
            double sum = 0, squares = 0;
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            int positive = 0;
            for (int i = 0; i < Layer.Hidden; i++)
            {
                float w = values[i * OutputLayer.MaxClasses + j];
                sum += w;
                squares += (double)w * w;
                min = MathF.Min(min, w);
                max = MathF.Max(max, w);
                if (w > 0)
                    positive++;
            }
            double mean = sum / Layer.Hidden;
            double std = Math.Sqrt(Math.Max(0, squares / Layer.Hidden - mean * mean));
            csv.Append(CultureInfo.InvariantCulture, $"{j},{mean:R},{std:R},{min:R},{max:R},{(double)positive / Layer.Hidden:R}\n");
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "output-layer.csv"), csv.ToString());
    }

    /// <summary>The trainer's kind and sizes, the epoch count, the last epoch's loss, W and the rule's state.</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_kind);
        writer.Write(Layer.Hidden);
        writer.Write(Layer.Classes);
        writer.Write(Completed);
        writer.Write(LastStepScore);
        Layer.WriteState(writer);
        _rule.WriteState(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        string kind = reader.ReadString();
        int hidden = reader.ReadInt32();
        int classes = reader.ReadInt32();
        if (kind != _kind || hidden != Layer.Hidden || classes != Layer.Classes)
            throw new UnreadableCheckpointException($"the checkpoint holds a {kind} output layer {hidden}→{classes}, but this experiment trains a {_kind} output layer {Layer.Hidden}→{Layer.Classes}");
        int completed = reader.ReadInt32();
        double lastScore = reader.ReadDouble();
        if (completed < 0)
            throw new UnreadableCheckpointException($"the checkpoint says {completed} epochs were completed; it is damaged");
        Layer.ReadState(reader);
        _rule.ReadState(reader);
        Completed = completed;
        LastStepScore = lastScore;
    }

    public void Dispose() => _workers.Dispose();

    /// <summary>One set of features through the output layer; the layer is only read, so any worker may score any example.</summary>
    private sealed class ScoredFeatures(FixedFeatures features, OutputLayer layer) : IScoredExamples
    {
        public int Count => features.Rows;

        public ExampleScore Score(int worker, int row)
        {
            var prediction = new Prediction(layer.Logits(features.IndicesOf(row), features.ValuesOf(row)), features.Labels[row], layer.ClassLanes);
            return new ExampleScore(prediction.Correct, prediction.Loss);
        }
    }
}
