using EvoDsl.Training;
using EvoDsl.Tests.Data;
using Xunit;

namespace EvoDsl.Tests.Nne;

/// <summary>A generation whose blocks other trainers evaluate (as cluster workers do) is the local generation, bit for bit.</summary>
public sealed class PartitionedStepTests
{
    private static IPartitionedTrainer Create(int threads) =>
        (IPartitionedTrainer)BlocksNne.Descriptor.Create(SyntheticDigits.Context(classes: 3, trainPerClass: BlocksNne.Descriptor.Data!.TrainPerClass, seed: 11, threads));

    [Fact]
    public void BlocksEvaluatedElsewhereGiveTheLocalRun()
    {
        using IPartitionedTrainer local = Create(threads: 2);
        using IPartitionedTrainer coordinator = Create(threads: 1);
        using IPartitionedTrainer first = Create(threads: 1), second = Create(threads: 2);
        Assert.Equal(3, coordinator.Parts);
        int calls = 0;
        for (int generation = 0; generation < 4; generation++)
        {
            local.Step();
            coordinator.Step((step, p, results) =>
            {
                calls++;
                Assert.Equal(coordinator.Completed, step);
                int width = coordinator.ResultsPerPart;
                first.ComputeParts(step, p, first: 0, count: 1, results[..width]);
                second.ComputeParts(step, p, first: 1, count: 2, results[width..]);
            });
        }

        Assert.Equal(4, calls);
        Assert.Equal(local.Completed, coordinator.Completed);
        Assert.Equal(local.LastStepScore, coordinator.LastStepScore);
        Assert.Equal(AllelesOf(local), AllelesOf(coordinator));
        using IPartitionedTrainer start = Create(threads: 1);
        Assert.NotEqual(AllelesOf(start), AllelesOf(coordinator)); // the run moved p at all
    }

    [Fact]
    public void AWorkerRefusesPartsItCannotCompute()
    {
        using IPartitionedTrainer worker = Create(threads: 1);
        double[] p = worker.PartState();
        float[] results = new float[worker.ResultsPerPart];
        Assert.Throws<ArgumentOutOfRangeException>(() => worker.ComputeParts(0, p, first: 3, count: 1, results));
        Assert.Throws<ArgumentException>(() => worker.ComputeParts(0, p[..^1], first: 0, count: 1, results));
        Assert.Throws<ArgumentException>(() => worker.ComputeParts(0, p, first: 0, count: 2, results));
    }

    private static double[] AllelesOf(IPartitionedTrainer trainer) => trainer.PartState();
}
