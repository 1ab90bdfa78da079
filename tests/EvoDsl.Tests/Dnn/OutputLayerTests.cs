using System.Runtime.Intrinsics;
using EvoDsl.Dnn;
using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Dnn;

public sealed class OutputLayerTests
{
    private static (OutputLayer Layer, int[] Active, float[] Activity) Random(int hidden, int classes, int active, ulong seed)
    {
        var layer = new OutputLayer(hidden, classes);
        layer.InitialiseUniform(seed);
        var random = new SplitMix64(seed + 1);
        int[] units = Enumerable.Range(0, hidden).OrderBy(_ => random.Next()).Take(active).Order().ToArray();
        float[] activity = units.Select(_ => 2f * random.NextFloat()).ToArray();
        return (layer, units, activity);
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(10, 1)]
    [InlineData(10, 5)]
    [InlineData(10, 37)]
    [InlineData(7, 3)]
    [InlineData(7, 38)]
    public void LogitsEqualTheScalarSum(int classes, int active)
    {
        (OutputLayer layer, int[] units, float[] activity) = Random(50, classes, active, 11);
        Vector512<float> logits = layer.Logits(units, activity);
        for (int j = 0; j < 16; j++)
        {
            double expected = 0;
            if (j < classes)
                for (int t = 0; t < units.Length; t++)
                    expected += activity[t] * (double)layer.Values[units[t] * 16 + j];
            Assert.Equal(expected, logits.GetElement(j), 5);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(7)]
    public void AddEqualsTheScalarUpdate(int classes)
    {
        (OutputLayer layer, int[] units, float[] activity) = Random(50, classes, 13, 12);
        float[] before = layer.Values.ToArray();
        var direction = Vector512.Create(Enumerable.Range(0, 16).Select(j => j < classes ? 0.1f * j - 0.3f : 0f).ToArray());
        layer.Add(units, activity, direction);
        for (int i = 0; i < 50; i++)
        {
            int t = Array.IndexOf(units, i);
            for (int j = 0; j < 16; j++)
            {
                float expected = t < 0 ? before[i * 16 + j] : before[i * 16 + j] + activity[t] * direction.GetElement(j);
                Assert.Equal(expected, layer.Values[i * 16 + j], 6);
            }
        }
        // Lanes past K start at 0 and stay there.
        for (int i = 0; i < 50; i++)
            for (int j = classes; j < 16; j++)
                Assert.Equal(0f, layer.Values[i * 16 + j]);
    }

    [Fact]
    public void UniformInitialisationUsesThePyTorchLinearBound()
    {
        var layer = new OutputLayer(400, 10);
        layer.InitialiseUniform(3);
        float bound = 1f / 20;
        Assert.All(layer.Values.ToArray(), w => Assert.InRange(w, -bound, bound));
        Assert.True(layer.Values.ToArray().Max() > 0.95f * bound);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(7, 6)]
    [InlineData(2, 0)]
    public void PredictionIsSoftmaxCrossEntropyAndArgmax(int classes, int label)
    {
        var random = new SplitMix64(5);
        float[] logits = Enumerable.Range(0, 16).Select(j => j < classes ? 8f * random.NextFloat() - 4f : 123f).ToArray(); // junk in padding lanes
        var layer = new OutputLayer(1, classes);
        var prediction = new Prediction(Vector512.Create(logits), label, layer.ClassLanes);

        double max = logits.Take(classes).Max();
        double sum = logits.Take(classes).Sum(z => Math.Exp(z - max));
        for (int j = 0; j < 16; j++)
        {
            Assert.Equal(j < classes ? Math.Exp(logits[j] - max) / sum : 0, prediction.Softmax.GetElement(j), 5);
            Assert.Equal(j == label ? 1f : 0f, prediction.Target.GetElement(j));
        }
        Assert.Equal(CrossEntropy.FromLogits(logits.AsSpan(0, classes), label), prediction.Loss, 4);
        Assert.Equal(Array.IndexOf(logits, logits.Take(classes).Max()), prediction.Winner);
        Assert.Equal(prediction.Winner == label, prediction.Correct);
    }

    [Fact]
    public void TooManyClassesAreRefusedWithAMessage()
    {
        var error = Assert.Throws<EvoDslException>(() => new OutputLayer(10, 17));
        Assert.Contains("17 classes", error.Message);
    }
}
