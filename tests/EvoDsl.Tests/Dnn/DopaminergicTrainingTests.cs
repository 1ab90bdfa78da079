using EvoDsl.Dnn;
using EvoDsl.Hosting;
using Xunit;

namespace EvoDsl.Tests.Dnn;

public sealed class DopaminergicTrainingTests
{
    private static DopaminergicSettings Settings(int kCap = 0, PostSynapticFiring post = PostSynapticFiring.LowError, PreSynapticSignal pre = PreSynapticSignal.Activity) =>
        new(new RandomLayerSettings(200, kCap), Threshold: 0.75, Rate: 0.002, post, pre);

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    public void LearnsASeparableTaskInAFewEpochs(int kCap)
    {
        using var trainer = new DopaminergicTraining(Settings(kCap), DnnTestData.Context());
        double before = DnnTestData.Metric(trainer, "test_accuracy");
        for (int e = 0; e < 5; e++)
            trainer.Step();
        double after = DnnTestData.Metric(trainer, "test_accuracy");
        Assert.True(after > 0.8, $"test accuracy {after:P1} after 5 epochs (before {before:P1}; chance 25%)");
        Assert.Equal(5, trainer.Completed);
        Assert.Equal(160, trainer.UnitsPerStep);
        Assert.True(trainer.LastStepScore > 0);
    }

    [Fact]
    public void SameSeedGivesIdenticalWeightsForAnyThreadCount()
    {
        byte[] Run(int threads, ulong seed)
        {
            using var trainer = new DopaminergicTraining(Settings(), DnnTestData.Context(seed: seed, threads: threads));
            for (int e = 0; e < 3; e++)
                trainer.Step();
            return DnnTestData.State(trainer);
        }
        byte[] first = Run(1, 7);
        Assert.Equal(first, Run(1, 7));
        Assert.Equal(first, Run(2, 7));
        Assert.NotEqual(first, Run(1, 8));
    }

    [Fact]
    public void ResumingFromAStateContinuesExactly()
    {
        RunContext context = DnnTestData.Context();
        using var straight = new DopaminergicTraining(Settings(), context);
        for (int e = 0; e < 4; e++)
            straight.Step();

        byte[] halfway;
        using (var first = new DopaminergicTraining(Settings(), context))
        {
            first.Step();
            first.Step();
            halfway = DnnTestData.State(first);
        }
        using var resumed = new DopaminergicTraining(Settings(), context);
        DnnTestData.Restore(resumed, halfway);
        Assert.Equal(2, resumed.Completed);
        resumed.Step();
        resumed.Step();
        Assert.Equal(DnnTestData.State(straight), DnnTestData.State(resumed));
        Assert.Equal(straight.LastStepScore, resumed.LastStepScore);
    }

    [Fact]
    public void AStateOfAnotherTrainerIsRefused()
    {
        RunContext context = DnnTestData.Context();
        using var dnn = new DopaminergicTraining(Settings(), context);
        using var signSgd = new EvoDsl.Baselines.SignSgdTraining(new(new RandomLayerSettings(200, 0), 0.001, 10), context);
        var error = Assert.Throws<UnreadableCheckpointException>(() => DnnTestData.Restore(dnn, DnnTestData.State(signSgd)));
        Assert.Contains("sign-sgd", error.Message);
    }

    [Fact]
    public void EvaluateReportsEpochLossesAndAccuracies()
    {
        using var trainer = new DopaminergicTraining(Settings(), DnnTestData.Context(threads: 2));
        trainer.Step();
        IReadOnlyList<Metric> metrics = trainer.Evaluate();
        Assert.Equal(["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy"], metrics.Select(m => m.Name));
        Assert.Equal(1, metrics[0].Value);
        Assert.InRange(metrics[2].Value, 0, 1);
        Assert.InRange(metrics[4].Value, 0, 1);
    }

    [Fact]
    public void WritesAnOutputLayerSummary()
    {
        using var trainer = new DopaminergicTraining(Settings(), DnnTestData.Context());
        string directory = Directory.CreateTempSubdirectory("evodsl-dnn-").FullName;
        try
        {
            trainer.WriteArtifacts(directory);
            string[] lines = File.ReadAllLines(Path.Combine(directory, "output-layer.csv"));
            Assert.Equal("output,mean,std,min,max,positive_fraction", lines[0]);
            Assert.Equal(5, lines.Length); // header + 4 classes
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(1, PostSynapticFiring.LowError, PreSynapticSignal.Activity)]
    [InlineData(2, PostSynapticFiring.Winner, PreSynapticSignal.Binary)]
    public void StepAllocatesNothingInSteadyState(int threads, PostSynapticFiring post, PreSynapticSignal pre)
    {
        using var trainer = new DopaminergicTraining(Settings(10, post, pre), DnnTestData.Context(threads: threads));
        Assert.Equal(0, DnnTestData.StepAllocations(trainer));
    }

    [Fact]
    public void NonsenseSettingsAreRefusedWithAMessage()
    {
        RunContext context = DnnTestData.Context();
        Assert.Contains("ε1", Assert.Throws<EvoDslException>(() => new DopaminergicTraining(Settings() with { Rate = 0 }, context)).Message);
        Assert.Contains("k-cap", Assert.Throws<EvoDslException>(() => new DopaminergicTraining(Settings(kCap: -1), context)).Message);
        Assert.Contains("hidden units", Assert.Throws<EvoDslException>(() => new DopaminergicTraining(Settings() with { Layer = new(0, 0) }, context)).Message);
    }
}
