using EvoDsl.Dnn;
using Xunit;

namespace EvoDsl.Tests.Dnn;

public sealed class RandomLayerTests
{
    [Fact]
    public void WeightsAreKaimingUniformWithinTheBound()
    {
        var layer = new RandomLayer(784, 301, seed: 5);
        float bound = MathF.Sqrt(6f / 784);
        Assert.Equal(bound, layer.Bound);
        double sum = 0, squares = 0, max = 0;
        for (int p = 0; p < 784; p++)
        {
            for (int j = 0; j < 301; j++)
            {
                float w = layer.Weight(p, j);
                Assert.InRange(w, -bound, bound);
                sum += w;
                squares += w * w;
                max = Math.Max(max, Math.Abs(w));
            }
        }
        int n = 784 * 301;
        Assert.InRange(sum / n, -0.002, 0.002);
        Assert.Equal(bound * bound / 3, squares / n, tolerance: 3e-5); // variance of U(−b, b) = b²/3 = 2 / fan_in
        Assert.True(max > 0.99 * bound);
    }

    [Fact]
    public void PaddingLanesAreZero()
    {
        var layer = new RandomLayer(20, 130, seed: 5); // 130 units → two tiles of 128, 126 padding lanes per row
        Assert.Equal(16, layer.RowVectors);
        for (int p = 0; p < 20; p++)
            for (int j = 130; j < 256; j++)
                Assert.Equal(0f, layer.WeightValues[p * 256 + j]);
    }

    [Fact]
    public void SameSeedSameWeightsAnyThreadCount()
    {
        var one = new RandomLayer(784, 2100, seed: 9, threads: 1);
        var two = new RandomLayer(784, 2100, seed: 9, threads: 2);
        Assert.True(one.WeightValues.SequenceEqual(two.WeightValues));
        var other = new RandomLayer(784, 2100, seed: 10, threads: 1);
        Assert.False(one.WeightValues.SequenceEqual(other.WeightValues));
    }

    [Fact]
    public void EachUnitDrawsFromItsOwnStreamSoWiderLayersExtendNarrowerOnes()
    {
        var narrow = new RandomLayer(50, 37, seed: 2);
        var wide = new RandomLayer(50, 1500, seed: 2);
        for (int p = 0; p < 50; p++)
            for (int j = 0; j < 37; j++)
                Assert.Equal(narrow.Weight(p, j), wide.Weight(p, j));
    }
}
