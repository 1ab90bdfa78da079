using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

/// <summary>Algorithm 1's step and the logit evaluation allocate nothing once warmed up.</summary>
public sealed class NeurashedAllocationTests
{
    [Theory]
    [InlineData(BatchSampling.WithReplacement)]
    [InlineData(BatchSampling.Reshuffled)]
    public void StepAllocatesNothingInSteadyState(BatchSampling sampling)
    {
        var random = RandomNeurashed.Create(levels: 5, width: 300, classes: 4, shared: 5, perClass: 8, seed: 2);
        var model = new NeurashedModel(random.Graph, InitialValues.Uniform(0, 1), InitialValues.Constant(1), seed: 2);
        var training = new NeurashedTraining<HandBuiltFigure5.Rule, Additive<ElasticityTheoremsExperiment.TheoremConstants>>(
            model, random.ClassInputs(), batchSize: 3, sampling, seed: 2);
        var logits = new double[random.Graph.ClassCount];
        ReadOnlySpan<int> features = random.ClassInputs().FeaturesOf(1);

        // Let tiered compilation settle (it promotes after 30 calls and a 100 ms quiet period).
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 400 || training.Iteration < 100)
        {
            training.Step();
            model.Logits(features, logits);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            training.Step();
            model.Logits(features, logits);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
