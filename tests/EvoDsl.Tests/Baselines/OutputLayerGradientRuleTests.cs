using System.Runtime.Intrinsics;
using EvoDsl.Baselines;
using EvoDsl.Dnn;
using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Baselines;

public sealed class OutputLayerGradientRuleTests
{
    // Two examples on a 6-unit, 3-class layer; unit 5 is active in neither.
    private static readonly (int[] Active, float[] Activity, int Label)[] Batch =
    [
        ([0, 1, 3], [0.5f, 1.5f, 0.25f], 2),
        ([1, 2, 3, 4], [1.0f, 0.75f, 2.0f, 0.1f], 0),
    ];

    private static OutputLayer Layer()
    {
        var layer = new OutputLayer(6, 3);
        layer.InitialiseUniform(21);
        return layer;
    }

    /// <summary>Σ_batch h_i·(z_j − ℓ_j) in double, with z from the layer's weights before the batch.</summary>
    private static double[,] BatchGradient(float[] weights)
    {
        var gradient = new double[6, 3];
        foreach ((int[] active, float[] activity, int label) in Batch)
        {
            var logits = new double[3];
            for (int j = 0; j < 3; j++)
                for (int t = 0; t < active.Length; t++)
                    logits[j] += activity[t] * (double)weights[active[t] * 16 + j];
            double max = logits.Max();
            double sum = logits.Sum(l => Math.Exp(l - max));
            for (int j = 0; j < 3; j++)
            {
                double error = Math.Exp(logits[j] - max) / sum - (j == label ? 1 : 0);
                for (int t = 0; t < active.Length; t++)
                    gradient[active[t], j] += activity[t] * error;
            }
        }
        return gradient;
    }

    private static void RunBatch<TRule>(OutputLayer layer, TRule rule) where TRule : struct, IOutputLayerRule
    {
        foreach ((int[] active, float[] activity, int label) in Batch)
            rule.Learn(layer, active, activity, new Prediction(layer.Logits(active, activity), label, layer.ClassLanes));
        rule.EndBatch(layer, Batch.Length);
    }

    [Fact]
    public void SignSgdIsEquation5()
    {
        OutputLayer layer = Layer();
        float[] before = layer.Values.ToArray();
        double[,] gradient = BatchGradient(before);
        RunBatch(layer, new SignSgdRule(6, 0.01f, 2));
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(before[i * 16 + j] - 0.01 * Math.Sign(gradient[i, j]), layer.Values[i * 16 + j], 6);
        for (int j = 0; j < 3; j++)
            Assert.Equal(before[5 * 16 + j], layer.Values[5 * 16 + j]); // untouched row: sign(0) = 0
    }

    [Fact]
    public void SignOfZeroIsZero()
    {
        var x = Vector512.Create([-2f, 0f, 3f, -0f, 1e-30f, -1e-30f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Vector512<float> sign = SignSgdRule.Sign(x);
        Assert.Equal([-1f, 0f, 1f, 0f, 1f, -1f], Enumerable.Range(0, 6).Select(j => sign.GetElement(j)));
    }

    [Fact]
    public void PlainSgdStepsAlongTheMeanGradient()
    {
        OutputLayer layer = Layer();
        float[] before = layer.Values.ToArray();
        double[,] gradient = BatchGradient(before);
        RunBatch(layer, new PlainSgdRule(6, 0.3f, 2));
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(before[i * 16 + j] - 0.3 * gradient[i, j] / 2, layer.Values[i * 16 + j], 6);
    }

    [Fact]
    public void AdamRuleStepsTwiceAsTheFormulaSays()
    {
        OutputLayer layer = Layer();
        var rule = new AdamRule(6, 0.01f, 2);
        var m = new double[6, 3];
        var v = new double[6, 3];
        var expected = new double[6, 3];
        float[] start = layer.Values.ToArray();
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 3; j++)
                expected[i, j] = start[i * 16 + j];
        for (int step = 1; step <= 2; step++)
        {
            double[,] gradient = BatchGradient(layer.Values.ToArray());
            RunBatch(layer, rule);
            for (int i = 0; i < 6; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    double g = gradient[i, j] / 2;
                    m[i, j] = 0.9 * m[i, j] + 0.1 * g;
                    v[i, j] = 0.999 * v[i, j] + 0.001 * g * g;
                    double mHat = m[i, j] / (1 - Math.Pow(0.9, step));
                    double vHat = v[i, j] / (1 - Math.Pow(0.999, step));
                    expected[i, j] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
                    Assert.Equal(expected[i, j], layer.Values[i * 16 + j], 5);
                }
            }
        }
        for (int i = 0; i < 6; i++)
            for (int j = 3; j < 16; j++)
                Assert.Equal(0f, layer.Values[i * 16 + j]); // padding lanes: zero gradient, no move
    }

    [Fact]
    public void AdamKernelMatchesTheFormulaOnARaggedLength()
    {
        const int n = 37; // two vectors and a scalar tail of 5
        var random = new SplitMix64(4);
        float[] w = Enumerable.Range(0, n).Select(_ => random.NextFloat() - 0.5f).ToArray();
        float[] m = new float[n], v = new float[n];
        double[] we = w.Select(x => (double)x).ToArray(), me = new double[n], ve = new double[n];
        for (int step = 1; step <= 3; step++)
        {
            float[] g = Enumerable.Range(0, n).Select(_ => random.NextFloat() - 0.5f).ToArray();
            Adam.Step(w, m, v, g, 0.5f, 0.002f, step);
            for (int i = 0; i < n; i++)
            {
                double gi = 0.5 * g[i];
                me[i] = 0.9 * me[i] + 0.1 * gi;
                ve[i] = 0.999 * ve[i] + 0.001 * gi * gi;
                we[i] -= 0.002 * (me[i] / (1 - Math.Pow(0.9, step))) / (Math.Sqrt(ve[i] / (1 - Math.Pow(0.999, step))) + 1e-8);
                Assert.Equal(we[i], w[i], 5);
            }
        }
    }
}
