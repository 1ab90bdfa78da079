using EvoDsl.Kernels;
using EvoDsl.Metrics;
using EvoDsl.Neurashed;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

public sealed class MetricsTests
{
    [Fact]
    public void IndependentSymbolsShareAboutNoInformation()
    {
        var random = new SplitMix64(3);
        var t = new long[20_000];
        var x = new int[t.Length];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = random.NextInt(4);
            x[i] = random.NextInt(2);
        }
        Assert.InRange(MutualInformation.Plugin(t, x), 0, 0.002); // plug-in bias ≈ 3/(2N ln 2) ≈ 1e-4
    }

    [Fact]
    public void AFourValuedVariableSharesTwoBitsWithItself()
    {
        var t = Enumerable.Range(0, 400).Select(i => (long)(i % 4)).ToArray();
        var x = t.Select(v => (int)v).ToArray();
        Assert.Equal(2, MutualInformation.Plugin(t, x), 12);
        Assert.Equal(1, MutualInformation.Plugin(t, x.Select(v => v / 2).ToArray()), 12);
    }

    [Fact]
    public void BinnedVectorsSeparateByBinAndMergeWithinOne()
    {
        // Four inputs, two coordinates; inputs 2 and 3 differ by less than a bin of [0, 1]/4.
        double[] rows = [0.1, 0.9, 0.6, 0.1, 0.3, 0.3, 0.31, 0.3];
        int[] inputs = [0, 1, 2, 3];
        int[] labels = [0, 0, 1, 1];
        var (input, label) = MutualInformation.Binned(rows.ToArray(), 2, inputs, labels, bins: 4, low: 0, high: 1);
        Assert.Equal(1.5, input, 12); // three distinct symbols with probabilities 1/4, 1/4, 1/2
        Assert.Equal(1, label, 12);
        // With 100 bins all four are distinct: 2 bits.
        Assert.Equal(2, MutualInformation.Binned(rows.ToArray(), 2, inputs, labels, bins: 100, low: 0, high: 1).Input, 12);
    }

    [Fact]
    public void GaussianNoiseHasTheAskedSpread()
    {
        var values = new double[20_000];
        MutualInformation.AddGaussianNoise(values, 0.5, seed: 9);
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(sd, 0.49, 0.51);
    }

    [Fact]
    public void LocalElasticityIsTheRatioOfLogitMoves()
    {
        // Base moves by (3, 4): 5; test by (0, 1): 1.
        Assert.Equal(0.2, LocalElasticity.Of([1, 1], [1, 2], [0, 0], [3, 4]), 12);
        Assert.Equal(0, LocalElasticity.Of([1, 1], [1, 1], [0, 0], [0, 0]));
    }

    [Fact]
    public void LocalElasticityOfOneHandComputedUpdate()
    {
        var graph = TinyGraphs.TwoPaths();
        var model = TinyGraphs.TwoPathsModel(graph);
        var training = new NeurashedTraining<Multiplicative<DoubleOrHalve>, Multiplicative<DoubleOrHalve>>(
            model, TinyGraphs.TwoPathsInputs(graph), 1, BatchSampling.WithReplacement, 1);
        var le = new double[1];
        LocalElasticity.Measure(training, baseInput: 0, [1], le);

        // Before: z(x0) = (17.5, 0), z(x1) = (32.5, 176). After the update at x0 (λ a4 b6 c2.5 P14 Q5.5; η 1, 0.125, 1):
        // z(x0) = (14·10, 0) = (140, 0); z(x1): S_P = 14·6 = 84, S_Q = 5.5·8.5 = 46.75 → (84 + 0.125·46.75, 46.75).
        double testMove = Math.Sqrt(Math.Pow(84 + 0.125 * 46.75 - 32.5, 2) + Math.Pow(46.75 - 176, 2));
        Assert.Equal(testMove / 122.5, le[0], 12);
    }

    [Fact]
    public void SparsityMeasuresSeparateConcentratedFromEvenFactors()
    {
        double[] even = [1, 1, 1, 1, 1, 1, 1, 1];
        double[] concentrated = [100, 1, 1, 1, 1, 0, 0, 0];
        Assert.Equal(3 / 8.0, PathwaySparsity.TopShare(even, 3), 12);
        Assert.Equal(102 / 104.0, PathwaySparsity.TopShare(concentrated, 3), 12);
        Assert.Equal(1, PathwaySparsity.NormalizedEntropy(even), 12);
        Assert.InRange(PathwaySparsity.NormalizedEntropy(concentrated), 0.10, 0.11); // 0.312 bits of 3
        Assert.Equal(0, PathwaySparsity.Entropy([0, 0]));

        var graph = TinyGraphs.TwoPaths();
        var levels = PathwaySparsity.PerLevel(graph, [2, 3, 5, 7, 7], topK: 1);
        Assert.Equal(2, levels.Length);
        Assert.Equal(0.5, levels[0].TopShare, 12);
        Assert.Equal(1, levels[1].NormalizedEntropy, 12);
    }
}
