using System.Numerics.Tensors;
using EvoDsl.Kernels;

namespace EvoDsl.Tests.Extension;

// A learning system written outside EvoDsl and its generator, as a researcher would in their own project:
// random search over the output layer of a fixed random ReLU layer. The attribute is its DSL surface, the
// trainer its loop; the generator knows neither, yet checks their shape and emits the experiment's settings,
// sizes and catalog entry.

/// <summary>Random search: each step tries <see cref="Candidates"/> Gaussian perturbations of the output layer and keeps the best.</summary>
[Trainer(typeof(RandomSearchTrainer<>))]
public sealed class RandomSearchAttribute : LearningSystemAttribute
{
    /// <summary>Units of the fixed random ReLU layer.</summary>
    public int Hidden { get; set; } = 32;

    /// <summary>Perturbations tried per step.</summary>
    public int Candidates { get; set; } = 8;

    /// <summary>σ of each perturbation's entries.</summary>
    public double Spread { get; set; } = 0.3;

    public override string StepNoun => "round";

    public override string UnitNoun => "candidate-examples";

    public override string ScoreNoun => "loss";
}

/// <summary>The trainer of <see cref="RandomSearchAttribute"/>, compiled for the declared sizes.</summary>
public sealed class RandomSearchTrainer<TSizes> : ITrainer where TSizes : IDataSizes
{
    private const ulong FixedLayerStream = 0x5EA5C4, CandidateStream = 0x5EA5C5; // this system's own random-stream purposes

    private readonly RandomSearchAttribute _settings;
    private readonly RunContext _context;
    private readonly float[] _trainFeatures, _testFeatures; // ReLU(x·W1), example-major
    private readonly float[] _output, _candidate, _logits;   // hidden × classes

    public RandomSearchTrainer(RandomSearchAttribute settings, RunContext context)
    {
        if (context.Train.Features != TSizes.Inputs || context.Train.Classes != TSizes.Classes)
            throw new EvoDslException($"the data has {context.Train.Features} inputs and {context.Train.Classes} classes; the declaration says {TSizes.Inputs} and {TSizes.Classes}");
        _settings = settings;
        _context = context;
        var firstLayer = new float[TSizes.Inputs * settings.Hidden];
        var random = new SplitMix64(Streams.Key(context.Seed, FixedLayerStream));
        float bound = 1f / MathF.Sqrt(TSizes.Inputs);
        for (int i = 0; i < firstLayer.Length; i++)
            firstLayer[i] = (2 * random.NextFloat() - 1) * bound;
        _trainFeatures = Features(context.Train.Pixels, context.Train.Count, firstLayer);
        _testFeatures = Features(context.Test.Pixels, context.Test.Count, firstLayer);
        _output = new float[settings.Hidden * TSizes.Classes];
        _candidate = new float[_output.Length];
        _logits = new float[TSizes.Classes];
        LastStepScore = Loss(_output, _trainFeatures, context.Train.Labels).Loss;
    }

    private float[] Features(float[] pixels, int count, float[] firstLayer)
    {
        int hidden = _settings.Hidden;
        var features = new float[count * hidden];
        for (int n = 0; n < count; n++)
            for (int p = 0; p < TSizes.Inputs; p++)
            {
                float x = pixels[n * TSizes.Inputs + p];
                if (x != 0)
                    TensorPrimitives.MultiplyAdd(firstLayer.AsSpan(p * hidden, hidden), x, features.AsSpan(n * hidden, hidden), features.AsSpan(n * hidden, hidden));
            }
        TensorPrimitives.Max(features, 0f, features);
        return features;
    }

    public int Completed { get; private set; }

    public long UnitsPerStep => (long)_settings.Candidates * _context.Train.Count;

    public double LastStepScore { get; private set; }

    /// <summary>One round: the best of the candidates W + σ·ε replaces W if it lowers the training loss.</summary>
    public void Step()
    {
        int bestCandidate = -1;
        double best = LastStepScore;
        for (int c = 0; c < _settings.Candidates; c++)
        {
            Perturb(c);
            double loss = Loss(_candidate, _trainFeatures, _context.Train.Labels).Loss;
            if (loss < best)
                (best, bestCandidate) = (loss, c);
        }
        if (bestCandidate >= 0)
        {
            Perturb(bestCandidate); // the same keyed stream gives the same candidate again
            _candidate.CopyTo(_output, 0);
            LastStepScore = best;
        }
        Completed++;
    }

    private void Perturb(int candidate)
    {
        var random = new SplitMix64(Streams.Key(_context.Seed, CandidateStream, (ulong)Completed, (ulong)candidate));
        for (int i = 0; i < _candidate.Length; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble(); // Box-Muller
            _candidate[i] = _output[i] + (float)(_settings.Spread * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }

    private (double Loss, double Accuracy) Loss(float[] output, float[] features, int[] labels)
    {
        int hidden = _settings.Hidden, count = labels.Length, correct = 0;
        double loss = 0;
        for (int n = 0; n < count; n++)
        {
            Span<float> logits = _logits;
            logits.Clear();
            for (int i = 0; i < hidden; i++)
                TensorPrimitives.MultiplyAdd(output.AsSpan(i * TSizes.Classes, TSizes.Classes), features[n * hidden + i], logits, logits);
            float max = TensorPrimitives.Max<float>(logits);
            double sum = 0;
            foreach (float z in logits)
                sum += Math.Exp(z - max);
            loss += Math.Log(sum) - (logits[labels[n]] - max);
            correct += TensorPrimitives.IndexOfMax<float>(logits) == labels[n] ? 1 : 0;
        }
        return (loss / count, (double)correct / count);
    }

    public IReadOnlyList<Metric> Evaluate()
    {
        var train = Loss(_output, _trainFeatures, _context.Train.Labels);
        var test = Loss(_output, _testFeatures, _context.Test.Labels);
        return [new("round", Completed), new("train_loss", train.Loss), new("train_accuracy", train.Accuracy), new("test_accuracy", test.Accuracy)];
    }

    public void WriteArtifacts(string directory) => File.WriteAllText(Path.Combine(directory, "output-layer.txt"), string.Join('\n', _output));

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Completed);
        writer.Write(LastStepScore);
        foreach (float w in _output)
            writer.Write(w);
    }

    public void ReadState(BinaryReader reader)
    {
        Completed = reader.ReadInt32();
        LastStepScore = reader.ReadDouble();
        for (int i = 0; i < _output.Length; i++)
            _output[i] = reader.ReadSingle();
    }

    public void Dispose()
    {
    }
}

[Experiment("test-random-search", Description = "Random search over an output layer: a learning system declared outside EvoDsl")]
[Mnist(Digits = "0-2", TrainPerClass = 12)]
[RandomSearch(Hidden = 24, Candidates = 6)]
[Run(Steps = 40, EvaluateEvery = 10)]
public partial class RandomSearchExperiment;
