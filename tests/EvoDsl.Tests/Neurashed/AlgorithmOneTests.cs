using EvoDsl.Neurashed;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

public sealed class AlgorithmOneTests
{
    [Fact]
    public void OneUpdateGrowsTheUnionOfPathwaysAndShrinksTheRest()
    {
        var graph = TinyGraphs.TwoPaths();
        var model = TinyGraphs.TwoPathsModel(graph);
        var training = new NeurashedTraining<Multiplicative<DoubleOrHalve>, Multiplicative<DoubleOrHalve>>(
            model, TinyGraphs.TwoPathsInputs(graph), batchSize: 1, BatchSampling.WithReplacement, seed: 1);

        // Batch {a, b}: G = {a, b, P, X}. λ: a 2→4, b 3→6, c 5→2.5, P 7→14, Q 11→5.5.
        // η: X←P (P and X fire) 0.5→1; X←Q (Q off) 0.25→0.125; Y←Q (neither) 2→1.
        training.Update([0]);
        Assert.Equal([4, 6, 2.5, 14, 5.5], model.AmplificationFactors.ToArray());
        Assert.Equal([1, 0.125, 1], model.ClassEdgeWeights.ToArray());
        Assert.Equal(1, training.Iteration);
        Assert.True(training.InUnion(graph.IndexOf("X")));
        Assert.False(training.InUnion(graph.IndexOf("Y")));

        // Batch {a, b} ∪ {b, c}: every node fires, so everything doubles.
        training.Update([0, 1]);
        Assert.Equal([8, 12, 5, 28, 11], model.AmplificationFactors.ToArray());
        Assert.Equal([2, 0.25, 2], model.ClassEdgeWeights.ToArray());
    }

    [Fact]
    public void AnEdgeGrowsOnlyWhenItsDependentAndItsClassBothFire()
    {
        // Input {b}: P fires (any), Q does not (all of b, c), X fires through P, Y does not.
        var graph = TinyGraphs.TwoPaths();
        var model = TinyGraphs.TwoPathsModel(graph);
        var inputs = NeurashedInputs.FromNames(graph, [(["b"], "X")]);
        var training = new NeurashedTraining<Unchanged, Additive<PlusOneMinusHalf>>(model, inputs, 1, BatchSampling.WithReplacement, 1);
        training.Update([0]);
        Assert.Equal([2, 3, 5, 7, 11], model.AmplificationFactors.ToArray()); // λ held fixed
        Assert.Equal([1.5, 0, 1.5], model.ClassEdgeWeights.ToArray());     // 0.5+1, max(0, 0.25−0.5), 2−0.5
    }

    [Fact]
    public void PerNodeRulesOverrideOnlyTheirNodes()
    {
        Assert.Equal(6, PerNode<NodeTwo, Additive<PlusOneMinusHalf>, Multiplicative<DoubleOrHalve>>.Grow(5, 2, 0));
        Assert.Equal(10, PerNode<NodeTwo, Additive<PlusOneMinusHalf>, Multiplicative<DoubleOrHalve>>.Grow(5, 3, 0));
        Assert.Equal(4.5, PerNode<NodeTwo, Additive<PlusOneMinusHalf>, Multiplicative<DoubleOrHalve>>.Shrink(5, 2, 0));
        Assert.Equal(2.5, PerNode<NodeTwo, Additive<PlusOneMinusHalf>, Multiplicative<DoubleOrHalve>>.Shrink(5, 3, 0));
    }

    [Fact]
    public void Figure5RulesUseThePapersConstantsAndSlowNodeSeven()
    {
        var graph = HandBuiltFigure5.Graph();
        Assert.Equal(6, graph.IndexOf("7"));
        Assert.Equal(13, graph.IndexOf("14"));
        Assert.Equal(Math.Pow(1.022, 2.75), HandBuiltFigure5.Rule.Grow(1, 5, 0), 15);
        Assert.Equal(Math.Pow(1.022, 0.75), HandBuiltFigure5.Rule.Grow(1, 6, 0), 15);
        Assert.Equal(Math.Pow(1.022, 0.75), HandBuiltFigure5.Rule.Grow(1, 13, 0), 15);
        Assert.Equal(Math.Pow(1.022, -0.25), HandBuiltFigure5.Rule.Shrink(1, 6, 0), 15);
    }

    [Fact]
    public void TheSameSeedGivesTheSameFactorsAndAnotherSeedDoesNot()
    {
        double[] Train(ulong seed)
        {
            var graph = HandBuiltFigure5.Graph();
            var inputs = HandBuiltFigure5.Inputs(graph);
            var model = new NeurashedModel(graph, InitialValues.Uniform(0, 0.01), InitialValues.Uniform(0, 0.01), seed);
            var training = new NeurashedTraining<Multiplicative<Figure5Rates>, Multiplicative<Figure5Rates>>(model, inputs, 2, BatchSampling.WithReplacement, seed);
            for (int i = 0; i < 200; i++)
                training.Step();
            return [.. model.AmplificationFactors, .. model.ClassEdgeWeights];
        }

        Assert.Equal(Train(7), Train(7));
        Assert.NotEqual(Train(7), Train(8));
    }

    [Theory]
    [InlineData(0)]       // every pathway found at each use
    [InlineData(60)]      // two of the four 25-node pathways cached, the rest found at each use
    public void CachedAndUncachedPathwaysTrainIdentically(int budget)
    {
        double[] Train(int maxCachedPathwayNodes)
        {
            var random = RandomNeurashed.Create(levels: 4, width: 100, classes: 4, shared: 3, perClass: 5, seed: 3);
            var model = new NeurashedModel(random.Graph, InitialValues.Uniform(0, 1), InitialValues.Uniform(0, 1), seed: 3);
            var training = new NeurashedTraining<Multiplicative<Figure5Rates>, Additive<PlusOneMinusHalf>>(
                model, random.ClassInputs(), batchSize: 3, BatchSampling.WithReplacement, seed: 3, maxCachedPathwayNodes);
            for (int i = 0; i < 50; i++)
                training.Step();
            return [.. model.AmplificationFactors, .. model.ClassEdgeWeights];
        }

        Assert.Equal(Train(int.MaxValue), Train(budget));
    }

    [Fact]
    public void ARepeatedInputInABatchChangesNothing()
    {
        var graph = TinyGraphs.TwoPaths();
        var once = TinyGraphs.TwoPathsModel(graph);
        var twice = TinyGraphs.TwoPathsModel(graph);
        new NeurashedTraining<Multiplicative<DoubleOrHalve>, Multiplicative<DoubleOrHalve>>(once, TinyGraphs.TwoPathsInputs(graph), 1, BatchSampling.WithReplacement, 1).Update([1]);
        new NeurashedTraining<Multiplicative<DoubleOrHalve>, Multiplicative<DoubleOrHalve>>(twice, TinyGraphs.TwoPathsInputs(graph), 1, BatchSampling.WithReplacement, 1).Update([1, 1, 1]);
        Assert.Equal(once.AmplificationFactors.ToArray(), twice.AmplificationFactors.ToArray());
        Assert.Equal(once.ClassEdgeWeights.ToArray(), twice.ClassEdgeWeights.ToArray());
    }

    [Fact]
    public void InitialValuesAreZeroConstantOrUniformInRange()
    {
        var graph = TinyGraphs.TwoPaths();
        Assert.All(new NeurashedModel(graph, InitialValues.Zero, InitialValues.Constant(3), 1).ClassEdgeWeights.ToArray(), v => Assert.Equal(3, v));
        var model = new NeurashedModel(graph, InitialValues.Uniform(0.2, 0.4), InitialValues.Zero, 1);
        Assert.All(model.AmplificationFactors.ToArray(), v => Assert.InRange(v, 0.2, 0.4));
        Assert.True(model.AmplificationFactors.ToArray().Distinct().Count() == 5);
        Assert.Throws<EvoDslException>(() => new NeurashedModel(graph, InitialValues.Uniform(-1, 1), InitialValues.Zero, 1));
    }

    [Fact]
    public void ABatchDependsOnlyOnTheSeedAndTheIteration()
    {
        var graph = TinyGraphs.TwoPaths();
        var inputs = NeurashedInputs.FromNames(graph, Enumerable.Range(0, 5).Select(_ => ((IReadOnlyList<string>)["a"], "X")));
        foreach (var sampling in new[] { BatchSampling.WithReplacement, BatchSampling.Reshuffled })
        {
            var stepped = new NeurashedTraining<Unchanged, Unchanged>(TinyGraphs.TwoPathsModel(graph), inputs, 3, sampling, seed: 5);
            for (int i = 0; i < 7; i++)
                stepped.Step();
            var fresh = new NeurashedTraining<Unchanged, Unchanged>(TinyGraphs.TwoPathsModel(graph), inputs, 3, sampling, seed: 5);
            var batch = new int[3];
            fresh.SampleBatch(6, batch);
            Assert.Equal(stepped.LastBatch.ToArray(), batch);
        }
    }

    [Fact]
    public void ReshuffledBatchesShowEveryInputOncePerEpoch()
    {
        var graph = TinyGraphs.TwoPaths();
        var inputs = NeurashedInputs.FromNames(graph, Enumerable.Range(0, 6).Select(_ => ((IReadOnlyList<string>)["a"], "X")));
        var training = new NeurashedTraining<Unchanged, Unchanged>(TinyGraphs.TwoPathsModel(graph), inputs, 4, BatchSampling.Reshuffled, seed: 3);
        var seen = new List<int>();
        var batch = new int[4];
        for (int t = 0; t < 6; t++) // 24 draws = 4 epochs of 6
        {
            training.SampleBatch(t, batch);
            seen.AddRange(batch);
        }
        for (int epoch = 0; epoch < 4; epoch++)
            Assert.Equal(Enumerable.Range(0, 6), seen.Skip(epoch * 6).Take(6).Order());
        Assert.NotEqual(seen.Take(6), seen.Skip(6).Take(6)); // a fresh order each epoch
    }

    private readonly struct NodeTwo : INodeSet
    {
        public static bool Contains(int index) => index == 2;
    }
}
