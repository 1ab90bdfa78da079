using EvoDsl.Kernels;

namespace EvoDsl.Training;

/// <summary>How one example fares under the current weights: whether the prediction is its label, and its loss.</summary>
public readonly record struct ExampleScore(bool Correct, float Loss);

/// <summary>A training or test set a trainer scores one example at a time.</summary>
public interface IScoredExamples
{
    int Count { get; }

    /// <summary>Scores <paramref name="example"/> with <paramref name="worker"/>'s scratch; the result depends only on the example.</summary>
    ExampleScore Score(int worker, int example);
}

/// <summary>The correct predictions and the summed loss over a set of examples.</summary>
public readonly record struct ScoreTotals(int Correct, double LossSum, int Examples)
{
    /// <summary>Correct / examples; 0 for an empty set.</summary>
    public double Accuracy => (double)Correct / Math.Max(1, Examples);

    /// <summary>The mean loss; 0 for an empty set.</summary>
    public double Loss => LossSum / Math.Max(1, Examples);
}

/// <summary>
/// Scores a trainer's training and test sets on the worker pool in fixed chunks whose sums are added in
/// chunk order, so the totals are the same for any thread count. Allocates nothing but the metric list.
/// </summary>
public sealed class ChunkedScoring
{
    private readonly WorkerPool _workers;
    private readonly int _examplesPerChunk;
    private readonly IScoredExamples _train;
    private readonly IScoredExamples _test;
    private readonly int[] _correctPerChunk;
    private readonly double[] _lossPerChunk;
    private readonly Action<int, int> _scoreChunk;
    private IScoredExamples? _scored;

    /// <param name="examplesPerChunk">Fixed per trainer: where the chunks split decides how the loss sum rounds.</param>
    public ChunkedScoring(WorkerPool workers, int examplesPerChunk, IScoredExamples train, IScoredExamples test)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(examplesPerChunk, 1);
        _workers = workers;
        _examplesPerChunk = examplesPerChunk;
        _train = train;
        _test = test;
        _correctPerChunk = new int[ChunksOf(Math.Max(train.Count, test.Count))];
        _lossPerChunk = new double[_correctPerChunk.Length];
        _scoreChunk = ScoreChunk;
    }

    /// <summary>The totals on the training or the test set.</summary>
    public ScoreTotals Score(bool testSet)
    {
        IScoredExamples examples = testSet ? _test : _train;
        _scored = examples;
        int chunks = ChunksOf(examples.Count);
        _workers.For(chunks, _scoreChunk);
        int correct = 0;
        double loss = 0;
        for (int c = 0; c < chunks; c++)
        {
            correct += _correctPerChunk[c];
            loss += _lossPerChunk[c];
        }
        return new ScoreTotals(correct, loss, examples.Count);
    }

    /// <summary>epoch, then loss and accuracy on the training and the test set: what every epoch-trained system reports.</summary>
    public IReadOnlyList<Metric> EpochMetrics(int epoch)
    {
        ScoreTotals train = Score(testSet: false);
        ScoreTotals test = Score(testSet: true);
        return
        [
            new("epoch", epoch),
            new("train_loss", train.Loss),
            new("train_accuracy", train.Accuracy),
            new("test_loss", test.Loss),
            new("test_accuracy", test.Accuracy),
        ];
    }

    private int ChunksOf(int examples) => (examples + _examplesPerChunk - 1) / _examplesPerChunk;

    private void ScoreChunk(int worker, int chunk)
    {
        IScoredExamples examples = _scored!;
        int end = Math.Min(examples.Count, (chunk + 1) * _examplesPerChunk);
        int correct = 0;
        double loss = 0;
        for (int example = chunk * _examplesPerChunk; example < end; example++)
        {
            ExampleScore score = examples.Score(worker, example);
            loss += score.Loss;
            if (score.Correct)
                correct++;
        }
        _correctPerChunk[chunk] = correct;
        _lossPerChunk[chunk] = loss;
    }
}
