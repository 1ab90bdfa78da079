using EvoDsl.Tests.Dnn;
using EvoDsl.Training;
using EvoDsl.Wann;
using Xunit;

namespace EvoDsl.Tests.Wann;

[Experiment("test-wann-tiny", Description = "Tiny WANN for unit tests")]
[Mnist(Digits = "0-3", TrainPerClass = 40)]
[Wann(Population = 48, BatchSize = 60, TournamentSize = 4)]
[Run(Generations = 12, EvaluateEvery = 4)]
public partial class TinyWann;

// No mutation that grows a network: the genomes and the scratch keep their size, so a generation's
// allocations are exactly what the loop itself allocates (growth doubles arrays, amortised, and is not counted here).
[Experiment("test-wann-fixed-size", Description = "Tiny WANN whose networks do not grow")]
[Mnist(Digits = "0-3", TrainPerClass = 40)]
[Wann(Population = 48, BatchSize = 60, TournamentSize = 4, AddConnection = 0, AddNode = 0)]
[Run(Generations = 12, EvaluateEvery = 4)]
public partial class FixedSizeWann;

/// <summary>WANN's generation loop on synthetic digits: it learns, it is the same for any thread count and across a resume, and a generation allocates nothing.</summary>
public sealed class WannEvolutionTests
{
    private static RunContext Context(int threads = 1) => DnnTestData.Context(classes: 4, trainPerClass: 40, seed: 5, threads);

    [Fact]
    public void FitnessRisesAsTheTopologiesEvolve()
    {
        using ITrainer trainer = TinyWann.Descriptor.Create(Context());
        double start = DnnTestData.Metric(trainer, "population_mean_fitness");
        for (int g = 0; g < 60; g++)
            trainer.Step();
        double end = DnnTestData.Metric(trainer, "population_mean_fitness");
        Assert.True(end > start + 0.05, $"the population's mean fitness went from {start} to {end} in 60 generations");
        var metrics = trainer.Evaluate();
        Assert.True(DnnTestData.Metric(trainer, "test_accuracy_ensemble") > 0.35,
            "the ensemble of shared weights is no better than chance (0.25) after 60 generations: " + string.Join(", ", metrics));
    }

    [Fact]
    public void TwoThreadsGiveWhatOneGives()
    {
        using ITrainer one = TinyWann.Descriptor.Create(Context(threads: 1));
        using ITrainer two = TinyWann.Descriptor.Create(Context(threads: 2));
        for (int g = 0; g < 8; g++)
        {
            one.Step();
            two.Step();
        }
        Assert.Equal(DnnTestData.State(one), DnnTestData.State(two));
        Assert.Equal(one.Evaluate(), two.Evaluate());
    }

    [Fact]
    public void AResumedRunContinuesExactly()
    {
        using ITrainer straight = TinyWann.Descriptor.Create(Context());
        using ITrainer first = TinyWann.Descriptor.Create(Context());
        for (int g = 0; g < 5; g++)
        {
            straight.Step();
            first.Step();
        }
        byte[] state = DnnTestData.State(first);
        using ITrainer resumed = TinyWann.Descriptor.Create(Context());
        DnnTestData.Restore(resumed, state);
        for (int g = 0; g < 5; g++)
        {
            straight.Step();
            resumed.Step();
        }
        Assert.Equal(10, resumed.Completed);
        Assert.Equal(DnnTestData.State(straight), DnnTestData.State(resumed));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AGenerationAllocatesNothing(int threads)
    {
        using ITrainer trainer = FixedSizeWann.Descriptor.Create(Context(threads));
        // WANN's scratch grows by doubling to the largest network seen, which can come after 40 generations when a
        // busy machine gives the warm-up few: from 150 on, every generation is measured at 0 B.
        Assert.Equal(0, DnnTestData.StepAllocations(trainer, warmUpSteps: 150));
    }

    [Fact]
    public void ABatchLargerThanTheTrainingSetIsRefusedWithWhatToChange()
    {
        // 4 classes × 10 images: the declared batch of 60 cannot be drawn without replacement.
        var error = Assert.Throws<EvoDslException>(() => TinyWann.Descriptor.Create(DnnTestData.Context(classes: 4, trainPerClass: 10, seed: 5)));
        Assert.Contains("batch is 60 images but the training set has 40", error.Message);
        Assert.Contains("use 1 to 40", error.Message);
    }

    [Fact]
    public void RankingPutsTheFrontsInOrderAndTheirEndsFirst()
    {
        // Maximising both: (3,1), (1,3) and (2,2) are the first front, (1,1) the second, (0,0) the last.
        double[] first = [1, 3, 2, 0, 1];
        double[] second = [3, 1, 2, 0, 1];
        var order = new int[5];
        new WannRanking(5).Rank(first, second, order);
        Assert.Equal([0, 1, 2, 4, 3], order); // the front's ends (infinite crowding) before its middle
    }
}
