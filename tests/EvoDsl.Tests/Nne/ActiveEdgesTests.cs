using EvoDsl.Kernels;
using EvoDsl.Nne;
using Xunit;

namespace EvoDsl.Tests.Nne;

public sealed class ActiveEdgesTests
{
    /// <summary>15 synthetic digits of 3 classes, a network of <paramref name="hidden"/> units over them, and its active terms.</summary>
    private static (RunContext Context, NneNetwork Network, ActiveEdges Active) SyntheticSet(int hidden, int chunkSize)
    {
        var context = SyntheticDigits.Context(classes: 3, trainPerClass: 5, seed: 2, threads: 1);
        var rows = SparseRows.FromDense(context.Train.Pixels, context.Train.Count, context.Train.Features);
        var network = NneNetwork.Create(784, hidden, 3, 0.2, 50, 0.05, 8, seed: 9);
        return (context, network, new ActiveEdges(network, rows, chunkSize));
    }

    [Fact]
    public void EachSampleAndUnitListsExactlyTheUnitsLinksFromNonzeroPixelsWithTheirValues()
    {
        var (context, network, active) = SyntheticSet(hidden: 37, chunkSize: 4); // 15 samples: chunks of 4, 4, 4, 3

        Assert.Equal(4, active.Chunks);
        Assert.Equal(3, active.ChunkLength(3));
        int terms = 0;
        for (int c = 0; c < active.Chunks; c++)
        {
            for (int j = 0; j < 37; j++)
            {
                int entry = active.UnitChunkStart[c * 37 + j];
                for (int position = 0; position < active.ChunkLength(c); position++)
                {
                    int s = c * 4 + active.SampleOrder[active.CountsStart(c, j) + position];
                    var expected = new List<(int Link, float Value)>();
                    for (int r = network.UnitStart[j]; r < network.UnitStart[j + 1]; r++)
                    {
                        float value = context.Train.Pixels[s * 784 + network.UnitInput[r]];
                        if (value != 0)
                            expected.Add((r - network.UnitStart[j], value));
                    }
                    int count = active.TermCounts[active.CountsStart(c, j) + position];
                    var listed = Enumerable.Range(entry, count).Select(e => ((int)active.LinkInUnit[e], active.Value[e])).ToList();
                    Assert.Equal(expected, listed);
                    entry += count;
                    terms += count;
                }
            }
        }
        Assert.True(terms > 1000, $"only {terms} terms: the comparison would be nearly empty");
        Assert.Equal(terms, active.LinkInUnit.Length);
    }

    [Fact]
    public void EachUnitTakesEveryOneOfAChunksSamplesOnceInOrderOfTermCountTiesBySample()
    {
        var (_, _, active) = SyntheticSet(hidden: 37, chunkSize: 4);
        int reordered = 0;
        for (int c = 0; c < active.Chunks; c++)
        {
            for (int j = 0; j < 37; j++)
            {
                int start = active.CountsStart(c, j), length = active.ChunkLength(c);
                var order = active.SampleOrder.AsSpan(start, length).ToArray().Select(q => (int)q).ToArray();
                Assert.Equal(Enumerable.Range(0, length), order.Order());
                for (int position = 1; position < length; position++)
                {
                    var previous = (active.TermCounts[start + position - 1], order[position - 1]);
                    var current = (active.TermCounts[start + position], order[position]);
                    Assert.True(previous.CompareTo(current) < 0, $"chunk {c}, unit {j}: (count, sample) {previous} before {current}");
                }
                if (!order.SequenceEqual(Enumerable.Range(0, length)))
                    reordered++;
            }
        }
        Assert.True(reordered > 10, $"only {reordered} (chunk, unit) runs are not in sample order: the ordering is barely exercised");
    }

    [Fact]
    public void ACountsRunStartsWhereTheSequentialFillPutIt()
    {
        var (_, _, active) = SyntheticSet(hidden: 6, chunkSize: 4);
        int run = 0;
        for (int c = 0; c < active.Chunks; c++)
        {
            for (int j = 0; j < 6; j++)
            {
                Assert.Equal(run, active.CountsStart(c, j));
                run += active.ChunkLength(c);
            }
        }
        Assert.Equal(active.TermCounts.Length, run);
    }

    [Fact]
    public void AChunkLargerThanTheTrainingSetShrinksToIt()
    {
        var (_, _, active) = SyntheticSet(hidden: 6, chunkSize: 1000);
        Assert.Equal(15, active.ChunkSize);
        Assert.Equal(1, active.Chunks);
    }

    [Fact]
    public void AChunkOfMoreSamplesThanSampleOrderCanNumberIsRefusedNamingTheParameter()
    {
        const int samples = ushort.MaxValue + 2;
        var rows = SparseRows.FromDense(Enumerable.Repeat(1f, samples * 2).ToArray(), rows: samples, columns: 2);
        var network = NneNetwork.Create(2, 1, 2, 1.0, 4, 0.5, 1, seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ActiveEdges(network, rows, chunkSize: samples));
        Assert.Equal("chunkSize", error.ParamName);
        Assert.Contains("at most 65536 samples", error.Message);
        Assert.Equal(ushort.MaxValue + 1, new ActiveEdges(network, rows, chunkSize: ushort.MaxValue + 1).ChunkSize);
    }

    [Fact]
    public void PixelValuesAreKeptExactlyHoweverManyDistinctOnesTheDataHas()
    {
        // 600 distinct values: more than an 8-bit image has, as data scaled or normalized differently would.
        float[] pixels = Enumerable.Range(0, 2 * 300).Select(i => (i + 1) / 601f).ToArray();
        var rows = SparseRows.FromDense(pixels, rows: 2, columns: 300);
        var network = NneNetwork.Create(300, 4, 2, 0.5, 10, 0.1, 1, seed: 1);
        var active = new ActiveEdges(network, rows);
        Assert.Equal(2 * network.FirstLayerLinks, active.LinkInUnit.Length); // every pixel is nonzero, so every link is a term in both samples
        int term = 0;
        for (int j = 0; j < 4; j++)
        {
            for (int s = 0; s < 2; s++)
            {
                for (int r = network.UnitStart[j]; r < network.UnitStart[j + 1]; r++, term++)
                    Assert.Equal(pixels[s * 300 + network.UnitInput[r]], active.Value[term]);
            }
        }
        Assert.True(active.Value.Distinct().Count() > 255, "more distinct values than 8 bits can index");
    }
}
