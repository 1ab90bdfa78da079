using EvoDsl.Neurashed;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

public sealed class RandomNeurashedTests
{
    [Fact]
    public void EachLevelHasSharedNodesAndPerClassNodesAndClassesFireTheirOwn()
    {
        const int levels = 4, width = 200, classes = 3, b1 = 3, b2 = 4;
        var random = RandomNeurashed.Create(levels, width, classes, b1, b2, seed: 11);
        var graph = random.Graph;
        Assert.Equal(levels, graph.Levels);
        Assert.Equal((levels - 1) * width + classes, graph.NodeCount);
        Assert.Equal(classes, graph.ClassCount);

        var pathway = new FeaturePathway(graph);
        var inputs = random.ClassInputs();
        for (int level = 1; level < levels; level++)
        {
            var shared = random.SharedNodes(level).ToArray();
            Assert.Equal(b1, shared.Distinct().Count());
            var range = graph.NodesOn(level);
            Assert.All(shared, n => Assert.InRange(n, range.Start.Value, range.End.Value - 1));
            for (int k = 0; k < classes; k++)
            {
                var selected = random.SelectedNodes(level, k).ToArray();
                Assert.Equal(b1 + b2, selected.Distinct().Count());
                Assert.Equal(shared, selected.Take(b1));                 // shared first
                Assert.Empty(selected.Skip(b1).Intersect(shared));       // the class's own b2 are not shared
                if (level > 1)
                    foreach (int node in selected)                       // edges to the class's nodes below
                        Assert.Superset(random.SelectedNodes(level - 1, k).ToArray().ToHashSet(), graph.DependentsOf(node).ToArray().ToHashSet());
            }
            // Unselected nodes above level 1 have no dependents.
            var anySelected = Enumerable.Range(0, classes).SelectMany(k => random.SelectedNodes(level, k).ToArray()).ToHashSet();
            if (level > 1)
                for (int node = range.Start.Value; node < range.End.Value; node++)
                    Assert.Equal(anySelected.Contains(node), graph.DependentsOf(node).Length > 0);
        }
        for (int k = 0; k < classes; k++)
        {
            var classNode = graph.FirstClass + k;
            Assert.Equal(random.SelectedNodes(levels - 1, k).ToArray().Order(), graph.DependentsOf(classNode).ToArray());
            pathway.Find(inputs.FeaturesOf(k));
            for (int j = 0; j < classes; j++)
                Assert.Equal(j == k, pathway.Fires(graph.FirstClass + j));
            // With no overlap between classes the pathway is exactly the class's selected nodes.
            var firing = pathway.FiringNodes.ToArray().Where(n => n < graph.FirstClass).Order();
            var expected = Enumerable.Range(1, levels - 1).SelectMany(l => random.SelectedNodes(l, k).ToArray()).Order();
            Assert.Equal(expected, firing);
        }
    }

    [Fact]
    public void TheSameSeedDrawsTheSameGraph()
    {
        var one = RandomNeurashed.Create(3, 30, 2, 2, 3, seed: 4);
        var two = RandomNeurashed.Create(3, 30, 2, 2, 3, seed: 4);
        var other = RandomNeurashed.Create(3, 30, 2, 2, 3, seed: 5);
        Assert.Equal(one.SelectedNodes(2, 1).ToArray(), two.SelectedNodes(2, 1).ToArray());
        Assert.NotEqual(one.SelectedNodes(2, 1).ToArray(), other.SelectedNodes(2, 1).ToArray());
    }

    [Fact]
    public void TooNarrowALevelIsRejected() =>
        Assert.Throws<EvoDslException>(() => RandomNeurashed.Create(3, 5, 2, 3, 3, seed: 1));
}
