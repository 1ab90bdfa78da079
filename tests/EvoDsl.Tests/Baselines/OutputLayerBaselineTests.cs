using EvoDsl.Baselines;
using EvoDsl.Dnn;
using EvoDsl.Hosting;
using EvoDsl.Tests.Dnn;
using Xunit;

namespace EvoDsl.Tests.Baselines;

/// <summary>SignSGD and Adam/SGD on the random features: they learn, repeat, resume, and allocate nothing per epoch.</summary>
public sealed class OutputLayerBaselineTests
{
    private static readonly RandomLayerSettings Layer = new(200, 0);

    public static TheoryData<string> Trainers => ["sign-sgd", "adam", "sgd", "adam-kcap"];

    private static ITrainer Create(string kind, RunContext context) => kind switch
    {
        "sign-sgd" => new SignSgdTraining(new(Layer, 0.002, 10), context),
        "adam" => new OutputLayerSgdTraining(new(Layer, Optimizer.Adam, 0.01, 10), context),
        "sgd" => new OutputLayerSgdTraining(new(Layer, Optimizer.Plain, 0.2, 10), context),
        _ => new OutputLayerSgdTraining(new(Layer with { KCap = 30 }, Optimizer.Adam, 0.01, 10), context),
    };

    [Theory]
    [MemberData(nameof(Trainers))]
    public void LearnsASeparableTaskInAFewEpochs(string kind)
    {
        using ITrainer trainer = Create(kind, DnnTestData.Context());
        for (int e = 0; e < 5; e++)
            trainer.Step();
        double accuracy = DnnTestData.Metric(trainer, "test_accuracy");
        Assert.True(accuracy > 0.8, $"{kind}: test accuracy {accuracy:P1} after 5 epochs (chance 25%)");
        Assert.True(DnnTestData.Metric(trainer, "train_loss") < Math.Log(4));
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void SameSeedAnyThreadCountSameWeightsAndResumeContinuesExactly(string kind)
    {
        RunContext one = DnnTestData.Context(threads: 1), two = DnnTestData.Context(threads: 2);
        using ITrainer straight = Create(kind, one);
        for (int e = 0; e < 3; e++)
            straight.Step();
        using ITrainer parallel = Create(kind, two);
        for (int e = 0; e < 3; e++)
            parallel.Step();
        Assert.Equal(DnnTestData.State(straight), DnnTestData.State(parallel));

        byte[] halfway;
        using (ITrainer first = Create(kind, one))
        {
            first.Step();
            halfway = DnnTestData.State(first);
        }
        using ITrainer resumed = Create(kind, one);
        DnnTestData.Restore(resumed, halfway);
        resumed.Step();
        resumed.Step();
        Assert.Equal(DnnTestData.State(straight), DnnTestData.State(resumed));
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void StepAllocatesNothingInSteadyState(string kind)
    {
        using ITrainer trainer = Create(kind, DnnTestData.Context(threads: 2));
        Assert.Equal(0, DnnTestData.StepAllocations(trainer));
    }

    [Fact]
    public void NonsenseSettingsAreRefusedWithAMessage()
    {
        RunContext context = DnnTestData.Context();
        Assert.Contains("learning rate", Assert.Throws<EvoDslException>(() => new SignSgdTraining(new(Layer, -1, 10), context)).Message);
        Assert.Contains("batch size", Assert.Throws<EvoDslException>(() => new OutputLayerSgdTraining(new(Layer, Optimizer.Adam, 0.001, 0), context)).Message);
    }
}
