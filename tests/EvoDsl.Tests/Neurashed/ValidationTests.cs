using EvoDsl.Neurashed;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

/// <summary>One failing and one passing description per problem kind.</summary>
public sealed class ValidationTests
{
    // x1, x2 → h (any) → c1 (any), c2 (all): valid.
    private static NeurashedBuilder Valid(int levels = 3) =>
        new NeurashedBuilder(levels)
            .FirstLevel("x1", "x2")
            .Node(2, "h", FiringRule.Any, "x1", "x2")
            .Node(3, "c1", FiringRule.Any, "h")
            .Node(3, "c2", FiringRule.All, "h");

    [Fact]
    public void TheValidDescriptionHasNoProblemAndBuilds()
    {
        Assert.Empty(Valid().Validate());
        var graph = Valid().Build();
        Assert.Equal(3, graph.Levels);
        Assert.Equal(2, graph.ClassCount);
        Assert.Equal(2, graph.FeatureCount);
        Assert.Equal(3, graph.AmplifiedCount);
        Assert.Equal(2, graph.ClassEdgeCount);
        Assert.Equal(["x1", "x2"], graph.DependentsOf(graph.IndexOf("h")).ToArray().Select(graph.NameOf));
        Assert.Equal(["c1", "c2"], graph.ParentsOf(graph.IndexOf("h")).ToArray().Select(graph.NameOf));
    }

    [Fact]
    public void TooFewLevels()
    {
        AssertProblem(GraphProblemKind.TooFewLevels, new NeurashedBuilder(1).FirstLevel("x1"));
        AssertNoProblem(GraphProblemKind.TooFewLevels, new NeurashedBuilder(2).FirstLevel("x1").Node(2, "c", FiringRule.Any, "x1"));
    }

    [Fact]
    public void LevelOutOfRange()
    {
        AssertProblem(GraphProblemKind.LevelOutOfRange, Valid().Node(4, "top", FiringRule.Any, "c1"));
        AssertProblem(GraphProblemKind.LevelOutOfRange, Valid().Node(0, "bottom", FiringRule.Any));
        AssertNoProblem(GraphProblemKind.LevelOutOfRange, Valid(4).Node(4, "top", FiringRule.Any, "c1"));
    }

    [Fact]
    public void DuplicateNode()
    {
        AssertProblem(GraphProblemKind.DuplicateNode, Valid().Node(2, "h", FiringRule.Any, "x1"));
        AssertNoProblem(GraphProblemKind.DuplicateNode, Valid().Node(2, "h2", FiringRule.Any, "x1"));
    }

    [Fact]
    public void EmptyLevel()
    {
        var gap = new NeurashedBuilder(3).FirstLevel("x1").Node(3, "c", FiringRule.Any, "x1");
        AssertProblem(GraphProblemKind.EmptyLevel, gap);
        AssertNoProblem(GraphProblemKind.EmptyLevel, Valid());
    }

    [Fact]
    public void UnknownNode()
    {
        AssertProblem(GraphProblemKind.UnknownNode, Valid().Node(2, "h2", FiringRule.Any, "x1", "x3"));
        AssertNoProblem(GraphProblemKind.UnknownNode, Valid().Node(2, "h2", FiringRule.Any, "x1", "x2"));
    }

    [Fact]
    public void FirstLevelNodeWithDependents()
    {
        AssertProblem(GraphProblemKind.FirstLevelNodeWithDependents, Valid().Node(1, "x3", FiringRule.Any, "x1"));
        AssertNoProblem(GraphProblemKind.FirstLevelNodeWithDependents, Valid().Node(1, "x3", FiringRule.Any));
    }

    [Fact]
    public void EdgeSkipsLevel()
    {
        AssertProblem(GraphProblemKind.EdgeSkipsLevel, Valid().Node(3, "c3", FiringRule.Any, "h", "x1"));
        AssertNoProblem(GraphProblemKind.EdgeSkipsLevel, Valid().Node(3, "c3", FiringRule.Any, "h"));
    }

    [Fact]
    public void EdgePointsUp()
    {
        AssertProblem(GraphProblemKind.EdgePointsUp, Valid().Node(2, "h2", FiringRule.Any, "h"));
        AssertProblem(GraphProblemKind.EdgePointsUp, Valid().Node(2, "h2", FiringRule.Any, "c1"));
        AssertNoProblem(GraphProblemKind.EdgePointsUp, Valid().Node(2, "h2", FiringRule.Any, "x2"));
    }

    [Fact]
    public void DuplicateDependent()
    {
        AssertProblem(GraphProblemKind.DuplicateDependent, Valid().Node(2, "h2", FiringRule.Any, "x1", "x1"));
        AssertNoProblem(GraphProblemKind.DuplicateDependent, Valid().Node(2, "h2", FiringRule.Any, "x1", "x2"));
    }

    [Fact]
    public void RuleOutOfRange()
    {
        AssertProblem(GraphProblemKind.RuleOutOfRange, Valid().Node(2, "h2", FiringRule.AtLeast(3), "x1", "x2"));
        AssertProblem(GraphProblemKind.RuleOutOfRange, Valid().Node(2, "h2", FiringRule.AtLeast(0), "x1", "x2"));
        AssertNoProblem(GraphProblemKind.RuleOutOfRange, Valid().Node(2, "h2", FiringRule.AtLeast(2), "x1", "x2"));
    }

    [Fact]
    public void ClassWithoutPathway()
    {
        var dangling = Valid().Node(2, "never", FiringRule.Any).Node(3, "c3", FiringRule.Any, "never");
        AssertProblem(GraphProblemKind.ClassWithoutPathway, dangling);
        Assert.DoesNotContain(dangling.Validate(), p => p.Kind == GraphProblemKind.ClassWithoutPathway && p.Node != "c3");
        // A dependent-less middle node is allowed (a feature never formed) as long as each class has a pathway.
        AssertNoProblem(GraphProblemKind.ClassWithoutPathway, Valid().Node(2, "never", FiringRule.Any).Node(3, "c3", FiringRule.Any, "never", "h"));
    }

    [Fact]
    public void BuildListsEveryProblemInOneException()
    {
        var broken = Valid().Node(2, "h", FiringRule.AtLeast(5), "x1", "nowhere");
        var error = Assert.Throws<EvoDslException>(broken.Build);
        Assert.Contains("declared more than once", error.Message);
        Assert.Contains("'nowhere', which is not a node", error.Message);
        Assert.Contains("AtLeast(5)", error.Message);
    }

    private static void AssertProblem(GraphProblemKind kind, NeurashedBuilder description)
    {
        var problems = description.Validate();
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.Throws<EvoDslException>(description.Build);
    }

    private static void AssertNoProblem(GraphProblemKind kind, NeurashedBuilder description)
    {
        Assert.DoesNotContain(description.Validate(), p => p.Kind == kind);
        Assert.Empty(description.Validate());
        description.Build();
    }
}
