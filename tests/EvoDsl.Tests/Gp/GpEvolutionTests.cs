using EvoDsl.Gp;
using EvoDsl.Tests.Dnn;
using EvoDsl.Training;
using Xunit;

namespace EvoDsl.Tests.Gp;

[Experiment("test-gp-tiny", Description = "Tiny GP for unit tests")]
[Mnist(Digits = "0-3", TrainPerClass = 40)]
[GeneticProgramming(Population = 60, BatchSize = 60, TournamentSize = 4, MaxSize = 40)]
[Run(Generations = 12, EvaluateEvery = 4)]
public partial class TinyGp;

[Experiment("test-gp-tiny-mutation-only", Description = "Tiny GP without crossover")]
[Mnist(Digits = "0-3", TrainPerClass = 40)]
[GeneticProgramming(Population = 60, BatchSize = 60, TournamentSize = 4, MaxSize = 40, Crossover = 0, Mutation = 0.95)]
[Run(Generations = 12, EvaluateEvery = 4)]
public partial class TinyGpMutationOnly;

/// <summary>GP's generation loop on synthetic digits: it learns, it is the same for any thread count and across a resume, and a generation allocates nothing.</summary>
public sealed class GpEvolutionTests
{
    private static RunContext Context(int threads = 1) => DnnTestData.Context(classes: 4, trainPerClass: 40, seed: 5, threads);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FitnessRisesAsTheProgramsEvolve(bool mutationOnly)
    {
        using ITrainer trainer = (mutationOnly ? TinyGpMutationOnly.Descriptor : TinyGp.Descriptor).Create(Context());
        double start = DnnTestData.Metric(trainer, "best_fitness");
        for (int g = 0; g < 60; g++)
            trainer.Step();
        var metrics = trainer.Evaluate();
        double end = metrics.Single(m => m.Name == "best_fitness").Value;
        Assert.True(end > start + 0.1, $"the best fitness went from {start} to {end} in 60 generations");
        Assert.True(metrics.Single(m => m.Name == "test_accuracy").Value > 0.4,
            "the fittest program is no better than chance (0.25) after 60 generations: " + string.Join(", ", metrics));
    }

    [Fact]
    public void TreesStayWithinTheDeclaredLimits()
    {
        using var trainer = (GpEvolution)TinyGp.Descriptor.Create(Context());
        for (int g = 0; g < 30; g++)
            trainer.Step();
        GpPopulation population = trainer.Population;
        for (int i = 0; i < population.Individuals; i++)
            for (int k = 0; k < population.Classes; k++)
            {
                ReadOnlySpan<int> tree = population.Tree(i, k);
                Assert.True(GpTrees.IsWhole(tree), $"individual {i}, class {k} is not one tree");
                Assert.InRange(tree.Length, 1, 40);
                Assert.InRange(GpTrees.Depth(tree), 0, 10);
            }
    }

    [Fact]
    public void TwoThreadsGiveWhatOneGives()
    {
        using ITrainer one = TinyGp.Descriptor.Create(Context(threads: 1));
        using ITrainer two = TinyGp.Descriptor.Create(Context(threads: 2));
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
        using ITrainer straight = TinyGp.Descriptor.Create(Context());
        using ITrainer first = TinyGp.Descriptor.Create(Context());
        for (int g = 0; g < 5; g++)
        {
            straight.Step();
            first.Step();
        }
        byte[] state = DnnTestData.State(first);
        using ITrainer resumed = TinyGp.Descriptor.Create(Context());
        DnnTestData.Restore(resumed, state);
        Assert.Equal(first.Evaluate(), resumed.Evaluate());
        for (int g = 0; g < 5; g++)
        {
            straight.Step();
            resumed.Step();
        }
        Assert.Equal(10, resumed.Completed);
        Assert.Equal(DnnTestData.State(straight), DnnTestData.State(resumed));
    }

    [Fact]
    public void ADamagedCheckpointIsRefusedByWhatIsWrong()
    {
        using ITrainer trainer = TinyGp.Descriptor.Create(Context());
        byte[] state = DnnTestData.State(trainer);
        // The first tree's length, then its first node: a node no primitive has.
        BitConverter.TryWriteBytes(state.AsSpan(4 + 8 + 4), 999_999);
        using ITrainer resumed = TinyGp.Descriptor.Create(Context());
        var error = Assert.Throws<EvoDslException>(() => DnnTestData.Restore(resumed, state));
        Assert.Contains("node 999999, which is not a primitive", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AGenerationAllocatesNothing(int threads)
    {
        using ITrainer trainer = TinyGp.Descriptor.Create(Context(threads));
        // Nothing in a GP generation grows; a run of the suite once charged an early generation on 2 threads 24 B
        // (at generation 20-30, not seen from 100 on), so the warm-up is generous.
        Assert.Equal(0, DnnTestData.StepAllocations(trainer, warmUpSteps: 100));
    }

    [Fact]
    public void ABatchLargerThanTheTrainingSetIsRefusedWithWhatToChange()
    {
        var error = Assert.Throws<EvoDslException>(() => TinyGp.Descriptor.Create(DnnTestData.Context(classes: 4, trainPerClass: 10, seed: 5)));
        Assert.Contains("batch is 60 images but the training set has 40", error.Message);
        Assert.Contains("use 1 to 40", error.Message);
    }

    [Fact]
    public void SettingsBuiltInCodeAreCheckedAsTheGeneratorChecksDeclarations()
    {
        var settings = new GpSettings(Population: 60, BatchSize: 60, TournamentSize: 4, Crossover: 0.9, Mutation: 0.05, EliteRatio: 0.01,
            InitialDepth: 5, MaxDepth: 10, MaxSize: 5000);
        var error = Assert.Throws<EvoDslException>(() => new GpEvolution(settings, Context()));
        Assert.Contains("1 ≤ size ≤ 4096", error.Message);
        error = Assert.Throws<EvoDslException>(() => new GpEvolution(settings with { MaxSize = 40, Crossover = 0.9, Mutation = 0.2 }, Context()));
        Assert.Contains("summing to at most 1", error.Message);
    }

    [Fact]
    public void TheArtifactsHoldTheBestProgramAndThePopulation()
    {
        using ITrainer trainer = TinyGp.Descriptor.Create(Context());
        trainer.Step();
        string directory = Directory.CreateTempSubdirectory("evodsl-gp-").FullName;
        try
        {
            trainer.WriteArtifacts(directory);
            string[] best = File.ReadAllLines(Path.Combine(directory, GpEvolution.BestProgramFile));
            Assert.StartsWith("# generation 1: the fittest individual", best[0]);
            Assert.Equal(["digit 0: ", "digit 1: ", "digit 2: ", "digit 3: "], best[1..].Select(line => line[..9]));
            string[] population = File.ReadAllLines(Path.Combine(directory, GpEvolution.PopulationFile));
            Assert.Equal(60 * 4, population.Length);
            Assert.StartsWith("0 0:", population[0]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
