using EvoDsl.Neurashed;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

public sealed class FiringAndScoreTests
{
    [Fact]
    public void AnyAllAndAtLeastRulesFireOnExactlyTheRightSubsets()
    {
        var graph = new NeurashedBuilder(3)
            .FirstLevel("a", "b", "c")
            .Node(2, "any", FiringRule.Any, "a", "b", "c")
            .Node(2, "all", FiringRule.All, "a", "b", "c")
            .Node(2, "two", FiringRule.AtLeast(2), "a", "b", "c")
            .Node(3, "class", FiringRule.Any, "any")
            .Build();
        var pathway = new FeaturePathway(graph);
        for (int mask = 0; mask < 8; mask++)
        {
            int[] features = Enumerable.Range(0, 3).Where(i => (mask >> i & 1) == 1).ToArray();
            pathway.Find(features);
            Assert.Equal(features.Length >= 1, pathway.Fires(graph.IndexOf("any")));
            Assert.Equal(features.Length == 3, pathway.Fires(graph.IndexOf("all")));
            Assert.Equal(features.Length >= 2, pathway.Fires(graph.IndexOf("two")));
            Assert.Equal(features.Length >= 1, pathway.Fires(graph.IndexOf("class")));
            foreach (int f in Enumerable.Range(0, 3))
                Assert.Equal(features.Contains(f), pathway.Fires(f));
        }
    }

    [Fact]
    public void ThePathwayListsFiringNodesLevelByLevelOnce()
    {
        var graph = TinyGraphs.TwoPaths();
        var pathway = new FeaturePathway(graph);
        pathway.Find([2, 1, 1]); // c, b, b: a repeated feature fires once
        Assert.Equal(["c", "b", "P", "Q", "X", "Y"], pathway.FiringNodes.ToArray().Select(graph.NameOf));
        pathway.Find([0]);
        Assert.Equal(["a", "P", "X"], pathway.FiringNodes.ToArray().Select(graph.NameOf));
        Assert.False(pathway.Fires(graph.IndexOf("Q")));
    }

    [Fact]
    public void ANodeWithoutDependentsNeverFiresEvenUnderAll()
    {
        var graph = new NeurashedBuilder(3)
            .FirstLevel("a")
            .Node(2, "h", FiringRule.Any, "a")
            .Node(2, "empty", FiringRule.All)
            .Node(3, "class", FiringRule.Any, "h")
            .Build();
        var pathway = new FeaturePathway(graph);
        pathway.Find([0]);
        Assert.False(pathway.Fires(graph.IndexOf("empty")));
        Assert.True(pathway.Fires(graph.IndexOf("class")));
    }

    [Fact]
    public void ScoresAndLogitsMatchTheHandComputedValues()
    {
        var graph = TinyGraphs.TwoPaths();
        var model = TinyGraphs.TwoPathsModel(graph);
        var logits = new double[2];

        // {a, b}: S_a = 2, S_b = 3, P fires: S_P = 7(2 + 3) = 35, Q does not (c is off): S_Q = 0.
        // Z_X = 0.5·35 + 0.25·0 = 17.5, Z_Y = 2·0 = 0.
        model.Logits([0, 1], logits);
        Assert.Equal([17.5, 0], logits);
        var level2 = new double[2];
        model.Pathway.ScoresOn(2, level2);
        Assert.Equal([35, 0], level2);
        var level1 = new double[3];
        model.Pathway.ScoresOn(1, level1);
        Assert.Equal([2, 3, 0], level1);

        // {b, c}: S_P = 7·3 = 21, S_Q = 11(3 + 5) = 88; Z_X = 0.5·21 + 0.25·88 = 32.5, Z_Y = 2·88 = 176.
        model.Logits([1, 2], logits);
        Assert.Equal([32.5, 176], logits);
        Assert.Equal(88, model.Pathway.ScoreOf(graph.IndexOf("Q")));
    }

    [Fact]
    public void SoftmaxOfHugeLogitsIsFinite()
    {
        double[] p = [1000, 1000 + Math.Log(3), -1e300];
        NeurashedModel.Softmax(p);
        Assert.Equal(0.25, p[0], 12);
        Assert.Equal(0.75, p[1], 12);
        Assert.Equal(0, p[2]);
    }

    [Fact]
    public void ImagesFireTheirBrightPixels()
    {
        var graph = new NeurashedBuilder(2)
            .FirstLevel("p0", "p1", "p2", "p3")
            .Node(2, "zero", FiringRule.Any, "p0", "p1")
            .Node(2, "one", FiringRule.Any, "p2", "p3")
            .Build();
        var images = new EvoDsl.Data.LabeledImages(2, 2, 2, [0, 128, 127, 255, 255, 0, 0, 0], [1, 0]);
        var inputs = NeurashedInputs.FromImages(graph, images, threshold: 0.5); // pixel/255 > 0.5 ⇔ pixel ≥ 128
        Assert.Equal([1, 3], inputs.FeaturesOf(0).ToArray());
        Assert.Equal([0], inputs.FeaturesOf(1).ToArray());
        Assert.Equal(1, inputs.LabelOf(0));
    }

    [Fact]
    public void InputsNamingANodeAboveLevelOneAreRejected()
    {
        var graph = TinyGraphs.TwoPaths();
        Assert.Throws<EvoDslException>(() => NeurashedInputs.FromNames(graph, [(["a", "P"], "X")]));
        Assert.Throws<EvoDslException>(() => NeurashedInputs.FromNames(graph, [(["a"], "P")]));
        Assert.Throws<EvoDslException>(() => NeurashedInputs.FromIndices(graph, [[3]], [0]));
    }
}
