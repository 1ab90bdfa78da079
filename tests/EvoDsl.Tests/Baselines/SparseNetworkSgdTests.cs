using EvoDsl.Baselines;
using EvoDsl.Hosting;
using EvoDsl.Kernels;
using EvoDsl.Nne;
using EvoDsl.Tests.Dnn;
using Xunit;

namespace EvoDsl.Tests.Baselines;

public sealed class SparseNetworkSgdTests
{
    private static SparseNetworkSgdSettings Settings(Optimizer optimizer = Optimizer.Adam) =>
        new(Hidden: 60, EdgeProbability: 0.1, optimizer, LearningRate: optimizer == Optimizer.Adam ? 0.01 : 0.1, BatchSize: 10);

    [Fact]
    public void TheGraphIsNnesGraphForTheSameSeed()
    {
        RunContext context = DnnTestData.Context(seed: 12);
        using var trainer = new SparseNetworkSgdTraining(Settings(), context);
        NneNetwork nne = NneNetwork.Create(784, 60, 4, 0.1, genes: 300, geneDensity: 0.01, weightGain: 1, seed: 12);
        var edges = new HashSet<(int, int)>();
        for (int t = 0; t < nne.Tiles; t++)
            for (int p = 0; p < 784; p++)
                for (int e = nne.EdgeStart[t * 784 + p]; e < nne.EdgeStart[t * 784 + p + 1]; e++)
                    edges.Add((p, nne.EdgeTarget[e]));
        NneNetwork graph = trainer.Network;
        Assert.Equal(edges.Count, graph.FirstLayerLinks);
        for (int p = 0; p < 784; p++)
            for (int e = graph.EdgeStart[p]; e < graph.EdgeStart[p + 1]; e++)
                Assert.Contains((p, graph.EdgeTarget[e]), edges);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        RunContext context = DnnTestData.Context(classes: 3, trainPerClass: 2);
        using var trainer = new SparseNetworkSgdTraining(new(Hidden: 7, EdgeProbability: 0.05, Optimizer.Plain, 0.1, 1), context);
        SparseRows rows = SparseRows.FromDense(context.Train.Pixels, context.Train.Count, 784);
        int[] columns = rows.ColumnsOf(1).ToArray();
        float[] values = rows.ValuesOf(1).ToArray();
        int label = context.Train.Labels[1];
        trainer.Backpropagate(columns, values, label);
        float[] firstGradient = trainer.FirstLayerGradient.ToArray();
        float[] outputGradient = trainer.OutputGradientValues.ToArray();

        // Pre-activations, to skip edges into units within the step of ReLU's kink.
        NneNetwork graph = trainer.Network;
        var pre = new double[7];
        for (int t = 0; t < columns.Length; t++)
            for (int e = graph.EdgeStart[columns[t]]; e < graph.EdgeStart[columns[t] + 1]; e++)
                pre[graph.EdgeTarget[e]] += values[t] * (double)trainer.FirstLayer[e];

        const float step = 1e-2f;
        double Difference(float[] weights, int k)
        {
            float saved = weights[k];
            weights[k] = saved + step;
            double up = trainer.Loss(columns, values, label);
            weights[k] = saved - step;
            double down = trainer.Loss(columns, values, label);
            weights[k] = saved;
            return (up - down) / (2 * step);
        }

        int checkedEdges = 0;
        for (int t = 0; t < columns.Length; t++)
        {
            for (int e = graph.EdgeStart[columns[t]]; e < graph.EdgeStart[columns[t] + 1]; e++)
            {
                if (Math.Abs(pre[graph.EdgeTarget[e]]) < 0.05)
                    continue;
                Assert.Equal(Difference(trainer.FirstLayer, e), firstGradient[e], tolerance: 1e-3);
                checkedEdges++;
            }
        }
        Assert.True(checkedEdges > 20, $"only {checkedEdges} edges checked");

        float[] output = trainer.Output.Values.ToArray();
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                if (Math.Abs(pre[i]) < 0.05)
                    continue;
                int k = i * 16 + j;
                float saved = trainer.Output.Values[k];
                trainer.Output.Values[k] = saved + step;
                double up = trainer.Loss(columns, values, label);
                trainer.Output.Values[k] = saved - step;
                double down = trainer.Loss(columns, values, label);
                trainer.Output.Values[k] = saved;
                Assert.Equal((up - down) / (2 * step), outputGradient[k], tolerance: 1e-3);
            }
        }
        // Edges from pixels the example does not light get no gradient.
        var lit = new HashSet<int>(columns.ToArray());
        for (int p = 0; p < 784; p++)
            if (!lit.Contains(p))
                for (int e = graph.EdgeStart[p]; e < graph.EdgeStart[p + 1]; e++)
                    Assert.Equal(0f, firstGradient[e]);
    }

    [Theory]
    [InlineData(Optimizer.Adam)]
    [InlineData(Optimizer.Plain)]
    public void LearnsASeparableTaskInAFewEpochs(Optimizer optimizer)
    {
        using var trainer = new SparseNetworkSgdTraining(Settings(optimizer), DnnTestData.Context());
        for (int e = 0; e < 5; e++)
            trainer.Step();
        double accuracy = DnnTestData.Metric(trainer, "test_accuracy");
        Assert.True(accuracy > 0.8, $"{optimizer}: test accuracy {accuracy:P1} after 5 epochs (chance 25%)");
    }

    [Fact]
    public void SameSeedAnyThreadCountSameWeightsAndResumeContinuesExactly()
    {
        using var straight = new SparseNetworkSgdTraining(Settings(), DnnTestData.Context(threads: 1));
        for (int e = 0; e < 3; e++)
            straight.Step();
        using var parallel = new SparseNetworkSgdTraining(Settings(), DnnTestData.Context(threads: 2));
        for (int e = 0; e < 3; e++)
            parallel.Step();
        Assert.Equal(DnnTestData.State(straight), DnnTestData.State(parallel));
        Assert.Equal(straight.Evaluate(), parallel.Evaluate()); // the evaluation is the part that runs on the workers

        byte[] halfway;
        using (var first = new SparseNetworkSgdTraining(Settings(), DnnTestData.Context()))
        {
            first.Step();
            halfway = DnnTestData.State(first);
        }
        using var resumed = new SparseNetworkSgdTraining(Settings(), DnnTestData.Context());
        DnnTestData.Restore(resumed, halfway);
        resumed.Step();
        resumed.Step();
        Assert.Equal(DnnTestData.State(straight), DnnTestData.State(resumed));
        Assert.Equal(DnnTestData.Metric(straight, "test_accuracy"), DnnTestData.Metric(resumed, "test_accuracy"));
    }

    [Fact]
    public void StepAllocatesNothingInSteadyState()
    {
        using var trainer = new SparseNetworkSgdTraining(Settings(), DnnTestData.Context(threads: 2));
        Assert.Equal(0, DnnTestData.StepAllocations(trainer));
    }
}
