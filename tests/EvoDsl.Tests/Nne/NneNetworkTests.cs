using EvoDsl.Kernels;
using EvoDsl.Nne;
using Xunit;

namespace EvoDsl.Tests.Nne;

public sealed class NneNetworkTests
{
    private static readonly NneNetwork Network = NneNetwork.Create(inputs: 784, hidden: 300, classes: 5,
        edgeProbability: 0.1, genes: 1000, geneDensity: 0.0025, weightGain: 1, seed: 42);

    [Fact]
    public void EdgeGraphAndGeneMapHaveTheDeclaredDensities()
    {
        double edgeDensity = (double)Network.FirstLayerLinks / (784 * 300);
        Assert.InRange(edgeDensity, 0.097, 0.103); // 23,520 expected edges: ±3% is > 4 standard deviations

        double geneDensity = (double)Network.GeneLink.Length / ((long)Network.Links * 1000);
        Assert.InRange(geneDensity, 0.00243, 0.00257);
        Assert.All(Network.GeneWeight, w => Assert.InRange(Math.Abs(w), 0, Math.Max(Network.FirstLayerScale, Network.OutputLayerScale)));
    }

    [Fact]
    public void EdgesAreGroupedByTileThenInputWithTargetsInsideTheirTile()
    {
        Assert.Equal(3, Network.Tiles); // 300 hidden units in tiles of 128
        Assert.Equal(Network.FirstLayerLinks, Network.EdgeStart[^1]);
        for (int t = 0; t < Network.Tiles; t++)
        {
            for (int i = 0; i < 784; i++)
            {
                int start = Network.EdgeStart[t * 784 + i], end = Network.EdgeStart[t * 784 + i + 1];
                for (int e = start; e < end; e++)
                {
                    Assert.InRange(Network.EdgeTarget[e], t * Network.TileSize, Math.Min(300, (t + 1) * Network.TileSize) - 1);
                    if (e > start)
                        Assert.True(Network.EdgeTarget[e] > Network.EdgeTarget[e - 1]);
                }
            }
        }
    }

    [Fact]
    public void OneTileAsWideAsTheLayerIsThePlainPixelMajorLayoutWithTheSameGraph()
    {
        var plain = NneNetwork.Create(784, 300, 5, 0.1, 1000, 0.0025, 1, seed: 42, tileSize: 300);
        Assert.Equal(1, plain.Tiles);
        var edgesOf = (NneNetwork n) => Enumerable.Range(0, n.Tiles).SelectMany(t => Enumerable.Range(0, 784)
            .SelectMany(i => Enumerable.Range(n.EdgeStart[t * 784 + i], n.EdgeStart[t * 784 + i + 1] - n.EdgeStart[t * 784 + i])
                .Select(e => (Input: i, Target: n.EdgeTarget[e])))).OrderBy(x => x).ToArray();
        Assert.Equal(edgesOf(Network), edgesOf(plain));
    }

    [Fact]
    public void UnitMajorRowsAreGeneMajorWPermutedIntoUnitOrder()
    {
        var fromGenes = new Dictionary<(int Link, int Gene), float>();
        for (int g = 0; g < Network.Genes; g++)
            for (int k = Network.GeneStart[g]; k < Network.GeneStart[g + 1]; k++)
                fromGenes[(Network.GeneLink[k], g)] = Network.GeneWeight[k];
        var fromRows = new Dictionary<(int Link, int Gene), float>();
        for (int r = 0; r < Network.Links; r++)
            for (int k = Network.RowStart[r]; k < Network.RowStart[r + 1]; k++)
                fromRows[(Network.UnitOrderLink[r], Network.RowGene[k])] = Network.RowWeight[k];
        Assert.Equal(fromGenes.Count, fromRows.Count);
        Assert.All(fromGenes, entry => Assert.Equal(entry.Value, fromRows[entry.Key]));
    }

    [Fact]
    public void UnitMajorOrderListsEachUnitsEdgesByAscendingInputThenTheOutputLinksByUnit()
    {
        Assert.Equal(Enumerable.Range(0, Network.Links), Network.UnitOrderLink.Order());
        var edges = new HashSet<(int Input, int Target)>();
        var inputOf = new int[Network.FirstLayerLinks];
        for (int t = 0; t < Network.Tiles; t++)
        {
            for (int i = 0; i < 784; i++)
            {
                for (int e = Network.EdgeStart[t * 784 + i]; e < Network.EdgeStart[t * 784 + i + 1]; e++)
                {
                    edges.Add((i, Network.EdgeTarget[e]));
                    inputOf[e] = i;
                }
            }
        }
        var listed = new HashSet<(int Input, int Target)>();
        for (int j = 0; j < 300; j++)
        {
            for (int r = Network.UnitStart[j]; r < Network.UnitStart[j + 1]; r++)
            {
                int link = Network.UnitOrderLink[r];
                Assert.Equal(j, Network.EdgeTarget[link]);
                Assert.Equal(inputOf[link], Network.UnitInput[r]);
                Assert.True(listed.Add((Network.UnitInput[r], j)));
                if (r > Network.UnitStart[j])
                    Assert.True(Network.UnitInput[r] > Network.UnitInput[r - 1]);
            }
        }
        Assert.Equal(edges, listed);
        for (int j = 0; j < 300; j++)
            for (int k = 0; k < 5; k++)
                Assert.Equal(Network.FirstLayerLinks + k * 300 + j, Network.UnitOrderLink[Network.FirstLayerLinks + j * 5 + k]);
    }

    [Fact]
    public void SameSeedSameNetworkOtherSeedOtherNetwork()
    {
        var again = NneNetwork.Create(784, 300, 5, 0.1, 1000, 0.0025, 1, 42);
        var other = NneNetwork.Create(784, 300, 5, 0.1, 1000, 0.0025, 1, 43);
        Assert.Equal(Network.EdgeTarget, again.EdgeTarget);
        Assert.Equal(Network.GeneWeight, again.GeneWeight);
        Assert.NotEqual(Network.EdgeTarget, other.EdgeTarget);
    }

    [Fact]
    public void ComputeWeightsEqualsTheDenseProductWx()
    {
        var random = new SplitMix64(7);
        var genotype = new byte[1000];
        var coefficients = new float[1000];
        for (int g = 0; g < genotype.Length; g++)
        {
            genotype[g] = (byte)(random.NextDouble() < 0.5 ? 1 : 0);
            coefficients[g] = genotype[g];
        }
        // Dense reference: expand W column by column.
        var expected = new double[Network.Links];
        for (int g = 0; g < 1000; g++)
            for (int k = Network.GeneStart[g]; k < Network.GeneStart[g + 1]; k++)
                expected[Network.GeneLink[k]] += genotype[g] * (double)Network.GeneWeight[k];

        var fromBytes = new float[Network.Links];
        var fromFloats = new float[Network.Links];
        Network.ComputeWeights(genotype, fromBytes);
        Network.ComputeWeights(coefficients, fromFloats);
        for (int link = 0; link < Network.Links; link++)
        {
            Assert.Equal(expected[link], fromBytes[link], 1e-5);
            Assert.Equal(fromBytes[link], fromFloats[link]);
        }
    }
}
