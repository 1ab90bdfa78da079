using EvoDsl.Hosting;
using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;
using EvoDsl.Experiments;
using EvoDsl.Tests.Data;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

/// <summary>The paper's qualitative claims, at the documented defaults or smaller.</summary>
public sealed class PhenomenaTests
{
    [Fact]
    public void Figure5PathwaysFireTheirOwnClassAndTheDominantNode()
    {
        var graph = HandBuiltFigure5.Graph();
        var inputs = HandBuiltFigure5.Inputs(graph);
        var pathway = new FeaturePathway(graph);
        for (int x = 0; x < 8; x++)
        {
            pathway.Find(inputs.FeaturesOf(x));
            int c = x / 4 + 1;
            Assert.True(pathway.Fires(graph.IndexOf($"B{c}")));
            Assert.Equal(x % 4 < 2, pathway.Fires(graph.IndexOf($"A{c}")));
            Assert.Equal(x % 4 >= 2, pathway.Fires(graph.IndexOf($"C{c}")));
            Assert.True(pathway.Fires(graph.IndexOf($"class{c}")));
            Assert.False(pathway.Fires(graph.IndexOf($"class{3 - c}")));
        }
    }

    [Fact]
    public void InformationBottleneckRisesTowardTwoBitsThenCompressesToOne()
    {
        using var declared = NeurashedInformationBottleneck.Descriptor.Create(new RunContext(EvoDsl.Data.ClassSubset.None, EvoDsl.Data.ClassSubset.None, 1, 1));
        var result = InformationBottleneck.Measure(declared, NeurashedInformationBottleneck.Descriptor.Run.Steps, NeurashedInformationBottleneck.Descriptor.Run.EvaluateEvery);
        Assert.InRange(result.Series[0].Level2Input, 0, 0.5);          // silent at initialisation
        Assert.True(result.PeakInputBits > 1.5, $"peak {result.PeakInputBits}");
        Assert.True(result.FinalInputBits < result.PeakInputBits - 0.3, $"final {result.FinalInputBits}, peak {result.PeakInputBits}");
        Assert.InRange(result.FinalInputBits, 0.9, 1.1);
        Assert.InRange(result.FinalLabelBits, 0.95, 1.05);
    }

    [Fact]
    public void FullBatchesDoNotCompress()
    {
        using var fullBatch = HandBuiltFigure5.Trainer(batchSize: 8);
        var result = InformationBottleneck.Measure(fullBatch, 300, 10);
        Assert.True(result.FinalInputBits > 2, $"final {result.FinalInputBits}");
    }

    [Fact]
    public void AnUpdateAt1aMoves1bMostClassTwoLessClassThreeLeast()
    {
        var graph = LocalElasticityExperiment.Graph();
        var inputs = LocalElasticityExperiment.Inputs(graph);
        var pathway = new FeaturePathway(graph);
        for (int x = 0; x < 4; x++) // every input fires its own class and no other
        {
            pathway.Find(inputs.FeaturesOf(x));
            for (int j = 0; j < 3; j++)
                Assert.Equal(inputs.LabelOf(x) == j, pathway.Fires(graph.FirstClass + j));
        }

        var result = LocalElasticityExperiment.Run(new LocalElasticityOptions { Trials = 200 });
        Assert.True(result.Mean1b > result.Mean2 && result.Mean2 > result.Mean3, $"{result.Mean1b} {result.Mean2} {result.Mean3}");
        Assert.True(result.Median1b > result.Median2 && result.Median2 > result.Median3);
        Assert.True(result.OrderedShare > 0.9, $"ordered {result.OrderedShare}");
    }

    [Fact]
    public void TheoremOneRatioApproachesB1PlusB2OverB1AndTheoremTwoGrowsWithDepth()
    {
        var result = ElasticityTheoremsExperiment.Run(new ElasticityTheoremsOptions
        {
            Width = 300, Sizes = [(2, 4), (4, 2)], Epochs = 200,
            Theorem2Levels = [2, 4, 8, 12], Theorem2Epochs = [2],
        });
        foreach (var row in result.Theorem1)
        {
            Assert.Equal(row.Limit, row.Measured, 0.02 * row.Limit);
            Assert.Equal(row.Exact, row.Measured, 1e-6 * row.Exact);
            Assert.True(row.MeasuredEtaTrained > row.Measured + 0.5); // training η adds (K b1 + b2)/((L − 1) b1)
        }
        var ratios = result.Theorem2.Select(r => r.Measured).ToArray();
        Assert.Equal(3, ratios[0], 1e-9); // one feature level: exactly (b1 + b2)/b1
        Assert.True(ratios.Zip(ratios.Skip(1)).All(p => p.Second > p.First));
        Assert.True(ratios[^1] > 2 * ratios[0]);
    }

    [Fact]
    public void BatchSizeOneLearnsASparserPathwayThanTheFullBatch()
    {
        var result = ImplicitRegularizationExperiment.Run(new ImplicitRegularizationOptions { BatchSizes = [1, 32], Repeats = 2, Iterations = 600 });
        var (small, full) = (result.Rows[0], result.Rows[1]);
        Assert.True(small.TopShare > full.TopShare + 0.3, $"top share {small.TopShare} vs {full.TopShare}");
        Assert.True(small.NormalizedEntropy < full.NormalizedEntropy - 0.3, $"entropy {small.NormalizedEntropy} vs {full.NormalizedEntropy}");
    }

    [Fact]
    public void EachPhenomenonWritesItsCsvAndPng()
    {
        using var directory = new TempDirectory();
        using (var figure5 = HandBuiltFigure5.Trainer())
            PhenomenaFiles.Write(InformationBottleneck.Measure(figure5, 50, 10), directory.Path);
        PhenomenaFiles.Write(LocalElasticityExperiment.Run(new LocalElasticityOptions { Trials = 20 }), directory.Path);
        var theorems = new ElasticityTheoremsOptions { Width = 100, Sizes = [(2, 2)], Epochs = 5, Theorem2Levels = [2, 3], Theorem2Epochs = [2] };
        PhenomenaFiles.Write(ElasticityTheoremsExperiment.Run(theorems), theorems, directory.Path);
        var regularization = new ImplicitRegularizationOptions { BatchSizes = [1, 2], Repeats = 1, Iterations = 20 };
        PhenomenaFiles.Write(ImplicitRegularizationExperiment.Run(regularization), regularization, directory.Path);
        foreach (string name in new[] { "information-bottleneck", "local-elasticity", "theorem1", "theorem2", "implicit-regularization" })
        {
            var lines = File.ReadAllLines(directory.File(name + ".csv"));
            Assert.True(lines.Length >= 2, name);
            Assert.Equal(lines[0].Split(',').Length, lines[1].Split(',').Length);
            byte[] png = File.ReadAllBytes(directory.File(name + ".png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4));
        }
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }
}
