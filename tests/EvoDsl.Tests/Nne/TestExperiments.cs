using EvoDsl.Data;
using EvoDsl.Hosting;

namespace EvoDsl.Tests.Nne;

// Declarations compiled by the real generator into this test assembly, small enough for unit tests.

[Experiment("test-nne-tiny", Description = "Tiny NNE for unit tests")]
[Mnist(Digits = "0-2", TrainPerClass = 12)]
[HiddenLayer(24, EdgeProbability = 0.2)]
[Nne(Genes = 96, Population = 20, GeneDensity = 0.05, Selection = 20)]
[Run(Generations = 5, EvaluateEvery = 5)]
public partial class TinyNne;

[Experiment("test-nne-hook", Description = "Tiny NNE with a user fitness hook")]
[Mnist(Digits = "0-2", TrainPerClass = 12)]
[HiddenLayer(24, EdgeProbability = 0.2)]
[Nne(Genes = 96, Population = 20, GeneDensity = 0.05, Selection = 20)]
public partial class TinyNneWithHook
{
    public static int Calls;

    /// <summary>Rewards the label's logit only: a different fitness than the default.</summary>
    [Fitness]
    private static float RewardLabelLogit(ReadOnlySpan<float> logits, int label)
    {
        Interlocked.Increment(ref Calls);
        return MathF.Max(0f, logits[label]);
    }
}

/// <summary>Synthetic 28×28 data: each class lights a different band of rows, plus noise.</summary>
internal static class SyntheticDigits
{
    public static LabeledImages Images(int perClass, int classes, int seed)
    {
        var random = new Random(seed);
        int count = perClass * classes;
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % classes;
            labels[n] = (byte)label;
            for (int p = 0; p < 784; p++)
            {
                int row = p / 28;
                bool band = row / (28 / classes) == label;
                pixels[n * 784 + p] = band && random.NextDouble() < 0.6 ? (byte)random.Next(128, 256)
                    : random.NextDouble() < 0.05 ? (byte)random.Next(0, 256) : (byte)0;
            }
        }
        return new LabeledImages(count, 28, 28, pixels, labels);
    }

    public static RunContext Context(int classes, int trainPerClass, ulong seed, int threads)
    {
        int[] digits = Enumerable.Range(0, classes).ToArray();
        var train = ClassSubset.Create(Images(trainPerClass, classes, 11), digits, trainPerClass, 5, "synthetic");
        var test = ClassSubset.Create(Images(30, classes, 12), digits, 0, 0, "synthetic test");
        return new RunContext(train, test, seed, threads);
    }
}

[Experiment("test-nne-tiny-signsgd", Description = "NNE + SignSGD from test-nne-tiny's alleles, for unit tests")]
[Mnist(Digits = "0-2", TrainPerClass = 12)]
[HiddenLayer(24, EdgeProbability = 0.2)]
[Nne(Genes = 96, Population = 20, GeneDensity = 0.05, Selection = 20)]
[SignSgd(AllelesFrom = "test-nne-tiny", LearningRate = 0.01, BatchSize = 6)]
[Run(Epochs = 2, EvaluateEvery = 1)]
public partial class TinyNneSignSgd;

[Experiment("test-nne-blocks", Description = "Small NNE whose population fills three blocks, the last one partly (parts of a step)")]
[Mnist(Digits = "0-2", TrainPerClass = 12)]
[HiddenLayer(24, EdgeProbability = 0.2)]
[Nne(Genes = 96, Population = 150, GeneDensity = 0.05, Selection = 20)]
[Run(Generations = 4, EvaluateEvery = 2)]
public partial class BlocksNne;
