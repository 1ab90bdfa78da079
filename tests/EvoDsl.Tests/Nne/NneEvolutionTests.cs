using EvoDsl.Hosting;
using Xunit;

namespace EvoDsl.Tests.Nne;

public sealed class NneEvolutionTests
{
    private static double[] AllelesAfter(int generations, ulong seed, int threads)
    {
        using var trainer = TinyNne.Descriptor.Create(SyntheticDigits.Context(classes: 3, trainPerClass: TinyNne.Descriptor.Data!.TrainPerClass, seed, threads));
        for (int g = 0; g < generations; g++)
            trainer.Step();
        Assert.Equal(generations, trainer.Completed);
        return AllelesOf(trainer);
    }

    private static double[] AllelesOf(ITrainer trainer)
    {
        string directory = Path.Combine(Path.GetTempPath(), "evodsl-alleles-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            trainer.WriteArtifacts(directory);
            return File.ReadAllLines(Path.Combine(directory, "allele-frequencies.csv")).Skip(1)
                .Select(line => double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalAlleleFrequencies()
    {
        double[] first = AllelesAfter(6, seed: 17, threads: 2);
        double[] second = AllelesAfter(6, seed: 17, threads: 2);
        Assert.Equal(((EvoDsl.Nne.NneSettings)TinyNne.Descriptor.Algorithm).Genes, first.Length);
        Assert.Equal(first, second);
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheResult()
    {
        Assert.Equal(AllelesAfter(6, seed: 17, threads: 1), AllelesAfter(6, seed: 17, threads: 2));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentRuns()
    {
        Assert.NotEqual(AllelesAfter(3, seed: 17, threads: 2), AllelesAfter(3, seed: 18, threads: 2));
    }

    [Fact]
    public void SelectionMovesAlleleFrequencies()
    {
        double[] start = AllelesAfter(0, seed: 5, threads: 1);
        double[] after = AllelesAfter(4, seed: 5, threads: 1);
        Assert.Contains(Enumerable.Range(0, start.Length), i => Math.Abs(start[i] - after[i]) > 1e-4);
        Assert.All(after, p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void GeneratedLoopCallsTheDeclaredFitnessHook()
    {
        using var trainer = TinyNneWithHook.Descriptor.Create(SyntheticDigits.Context(3, TinyNneWithHook.Descriptor.Data!.TrainPerClass, seed: 1, threads: 1));
        int before = TinyNneWithHook.Calls;
        trainer.Step();
        // Once per genotype and training sample, in vectors of 16 genotypes (the 12 padding lanes of the
        // second vector of this population of 20 are evaluated too, and discarded; the block's other two
        // vectors hold no genotype and are not evaluated).
        int lanes = (((EvoDsl.Nne.NneSettings)TinyNneWithHook.Descriptor.Algorithm).Population + 15) / 16 * 16;
        Assert.Equal(lanes * (3 * TinyNneWithHook.Descriptor.Data!.TrainPerClass), TinyNneWithHook.Calls - before);
        Assert.True(trainer.LastStepScore > 0);
    }

    [Fact]
    public void EvaluateReportsAccuraciesAndAlleleStatistic()
    {
        using var trainer = TinyNne.Descriptor.Create(SyntheticDigits.Context(3, TinyNne.Descriptor.Data!.TrainPerClass, seed: 1, threads: 2));
        trainer.Step();
        IReadOnlyList<Metric> metrics = trainer.Evaluate();
        Assert.Equal(["generation", "mean_fitness", "train_accuracy", "test_accuracy", "test_accuracy_mean_field", "alleles_within_0.05"],
            metrics.Select(m => m.Name));
        Assert.Equal(1, metrics[0].Value);
        Assert.All(metrics.Skip(2), m => Assert.InRange(m.Value, 0, 1));
    }

    [Fact]
    public void DataWithOtherClassesThanDeclaredIsRefusedWithAMessage()
    {
        var error = Assert.Throws<EvoDslException>(() => TinyNne.Descriptor.Create(SyntheticDigits.Context(4, TinyNne.Descriptor.Data!.TrainPerClass, 1, 1)));
        Assert.Contains("4 classes", error.Message);
        Assert.Contains("declares 3", error.Message);
    }
}
