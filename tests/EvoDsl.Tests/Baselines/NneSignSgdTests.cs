using System.Globalization;
using EvoDsl.Baselines;
using EvoDsl.Hosting;
using EvoDsl.Nne;
using EvoDsl.Tests.Dnn;
using EvoDsl.Tests.Nne;
using Xunit;

namespace EvoDsl.Tests.Baselines;

public sealed class NneSignSgdTests
{
    private static NneSettings TinySettings => (NneSettings)TinyNne.Descriptor.Algorithm;

    private static RunContext Context(int threads = 1) => SyntheticDigits.Context(3, TinyNne.Descriptor.Data!.TrainPerClass, seed: 3, threads);

    /// <summary>p of an NNE run after a few generations, read back from its artifact.</summary>
    private static (double[] P, double TestAccuracy, double TrainAccuracy) EvolvedAlleles(RunContext context)
    {
        using var nne = TinyNne.Descriptor.Create(context);
        for (int g = 0; g < 8; g++)
            nne.Step();
        IReadOnlyList<Metric> metrics = nne.Evaluate();
        string directory = Directory.CreateTempSubdirectory("evodsl-nne-p-").FullName;
        try
        {
            nne.WriteArtifacts(directory);
            double[] p = File.ReadAllLines(Path.Combine(directory, "allele-frequencies.csv")).Skip(1)
                .Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
            return (p, metrics.Single(m => m.Name == "test_accuracy").Value, metrics.Single(m => m.Name == "train_accuracy").Value);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void EpochZeroIsTheNneNetworkWithWeightsFromRoundedAlleles()
    {
        RunContext context = Context();
        (double[] p, double nneTest, double nneTrain) = EvolvedAlleles(context);
        using var trainer = new NneSignSgdTraining(new(TinySettings, 0.01, 50), context, p);
        Assert.Equal(0, trainer.Completed);
        Assert.Equal(nneTest, DnnTestData.Metric(trainer, "test_accuracy"));
        Assert.Equal(nneTrain, DnnTestData.Metric(trainer, "train_accuracy"));
    }

    [Fact]
    public void SignSgdOnTheOutputLayerImprovesTheNneNetwork()
    {
        RunContext context = Context(threads: 2);
        (double[] p, double nneTest, _) = EvolvedAlleles(context);
        using var trainer = new NneSignSgdTraining(new(TinySettings, 0.01, 6), context, p);
        double loss0 = DnnTestData.Metric(trainer, "train_loss");
        for (int e = 0; e < 10; e++)
            trainer.Step();
        Assert.True(DnnTestData.Metric(trainer, "train_loss") < loss0);
        Assert.True(DnnTestData.Metric(trainer, "test_accuracy") >= Math.Max(nneTest, 0.6), $"NNE {nneTest:P1} → {DnnTestData.Metric(trainer, "test_accuracy"):P1}");
        Assert.Equal(0, DnnTestData.StepAllocations(trainer));
    }

    [Fact]
    public void AllelesOfAnotherNetworkAreRefused()
    {
        var error = Assert.Throws<EvoDslException>(() => new NneSignSgdTraining(new(TinySettings, 0.01, 50), Context(), new double[5]));
        Assert.Contains("96 genes", error.Message);
    }
}
