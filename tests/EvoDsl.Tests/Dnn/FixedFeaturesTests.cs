using EvoDsl.Dnn;
using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Dnn;

public sealed class FixedFeaturesTests
{
    /// <summary>ReLU(Σ_p x_p·W[p, j]) in double, straight from the definition.</summary>
    private static double[] Reference(RandomLayer layer, float[] dense, int row)
    {
        var h = new double[layer.Hidden];
        for (int j = 0; j < layer.Hidden; j++)
        {
            double sum = 0;
            for (int p = 0; p < layer.Inputs; p++)
                sum += dense[row * layer.Inputs + p] * (double)layer.Weight(p, j);
            h[j] = Math.Max(0, sum);
        }
        return h;
    }

    private static double[] Densify(FixedFeatures features, int row)
    {
        var h = new double[features.Hidden];
        ReadOnlySpan<int> index = features.IndicesOf(row);
        ReadOnlySpan<float> value = features.ValuesOf(row);
        for (int t = 0; t < index.Length; t++)
            h[index[t]] = value[t];
        return h;
    }

    // 77: one tile, 51 padding units; 300: two full tiles of 128 and one with 44 units and 84 padding.
    [Theory]
    [InlineData(77)]
    [InlineData(300)]
    public void DenseFeaturesEqualTheScalarReference(int hidden)
    {
        var layer = new RandomLayer(784, hidden, seed: 4);
        (float[] dense, SparseRows rows) = DnnTestData.Images(13);
        using var pool = new WorkerPool(1);
        FixedFeatures features = FixedFeatures.FromRandomLayer(layer, rows, new int[13], kCap: 0, pool);
        Assert.Equal(13, features.Rows);
        Assert.Equal(hidden, features.Hidden);
        for (int r = 0; r < 13; r++)
        {
            double[] expected = Reference(layer, dense, r);
            double[] actual = Densify(features, r);
            for (int j = 0; j < hidden; j++)
                Assert.Equal(expected[j], actual[j], 4);
            ReadOnlySpan<int> index = features.IndicesOf(r);
            for (int t = 1; t < index.Length; t++)
                Assert.True(index[t - 1] < index[t]);
            Assert.All(features.ValuesOf(r).ToArray(), v => Assert.True(v > 0));
        }
        // ReLU of a random layer keeps about half the units.
        Assert.InRange((double)features.NonZeros / (13 * hidden), 0.3, 0.7);
    }

    [Theory]
    [InlineData(300, 17)]
    [InlineData(1100, 64)]
    public void KCapKeepsExactlyTheKLargest(int hidden, int k)
    {
        var layer = new RandomLayer(784, hidden, seed: 8);
        (_, SparseRows rows) = DnnTestData.Images(1030); // more than one block of 1024 examples
        using var pool = new WorkerPool(2);
        FixedFeatures all = FixedFeatures.FromRandomLayer(layer, rows, new int[1030], kCap: 0, pool);
        FixedFeatures capped = FixedFeatures.FromRandomLayer(layer, rows, new int[1030], kCap: k, pool);
        for (int r = 0; r < 1030; r += 41)
        {
            // The reference: every positive activation, ordered by value (descending), ties to the lower unit, first k.
            int[] expected = all.IndicesOf(r).ToArray().Zip(all.ValuesOf(r).ToArray())
                .OrderByDescending(a => a.Second).ThenBy(a => a.First).Take(k).Select(a => a.First).Order().ToArray();
            Assert.Equal(expected, capped.IndicesOf(r).ToArray());
            double[] dense = Densify(all, r);
            foreach ((int unit, float value) in capped.IndicesOf(r).ToArray().Zip(capped.ValuesOf(r).ToArray()))
                Assert.Equal((float)dense[unit], value); // the same kernel computed both: bit for bit
        }
        Assert.True(capped.NonZeros <= 1030L * k);
    }

    [Fact]
    public void KCapKeepsOnlyPositiveActivationsAndAtLeastAsManyAsHiddenMeansNoCap()
    {
        var layer = new RandomLayer(784, 40, seed: 8);
        (_, SparseRows rows) = DnnTestData.Images(9);
        using var pool = new WorkerPool(1);
        FixedFeatures all = FixedFeatures.FromRandomLayer(layer, rows, new int[9], kCap: 0, pool);
        FixedFeatures capped = FixedFeatures.FromRandomLayer(layer, rows, new int[9], kCap: 500, pool);
        Assert.Equal(all.RowStart, capped.RowStart);
        Assert.Equal(all.Index, capped.Index);
        Assert.Equal(all.Value, capped.Value);
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheFeatures()
    {
        var layer = new RandomLayer(784, 200, seed: 8);
        (_, SparseRows rows) = DnnTestData.Images(1500);
        using var one = new WorkerPool(1);
        using var two = new WorkerPool(2);
        foreach (int k in new[] { 0, 30 })
        {
            FixedFeatures a = FixedFeatures.FromRandomLayer(layer, rows, new int[1500], k, one);
            FixedFeatures b = FixedFeatures.FromRandomLayer(layer, rows, new int[1500], k, two);
            Assert.Equal(a.RowStart, b.RowStart);
            Assert.Equal(a.Index, b.Index);
            Assert.Equal(a.Value, b.Value);
        }
    }

    [Fact]
    public void TooManyUncappedActivationsAreRefusedWithAMessage()
    {
        var layer = new RandomLayer(4, 100_000, seed: 1);
        (_, SparseRows rows) = DnnTestData.Images(30_000, pixels: 4);
        using var pool = new WorkerPool(1);
        var error = Assert.Throws<EvoDslException>(() => FixedFeatures.FromRandomLayer(layer, rows, new int[30_000], kCap: 0, pool));
        Assert.Contains("k-cap", error.Message);
    }

    [Fact]
    public void TopKKeepsTheLargestWithTiesToTheLowerIndex()
    {
        float[] stream = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 9, 0.5f];
        var values = new float[4];
        var indices = new int[4];
        int count = 0;
        for (int i = 0; i < stream.Length; i++)
            TopK.Offer(values, indices, ref count, stream[i], i);
        Assert.Equal(4, count);
        // 9 (5), 9 (11), 6 (7), then the 5s at 4, 8, 10: the lowest index, 4, wins the tie.
        Assert.Equal([4, 5, 7, 11], indices.Order().ToArray());
    }
}
