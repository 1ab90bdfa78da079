using EvoDsl.Experiments;
using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

// Fig. 5 as experiments/EvoDsl.Experiments/NeurashedExperiments.cs declares it, under the name the golden metrics
// (Golden/GoldenMetricsTests.cs) pin; the tests here use that file's own declaration, compiled into this assembly
// too, and the first of them keeps the two the same.
[Experiment("test-neurashed-figure5")]
[Neurashed(BatchSize = 1, Sampling = BatchSampling.Reshuffled, Grow = 1.061671021678069, Shrink = 0.994574399082926,
    InitialLow = 0, InitialHigh = 0.01)]
[FeatureNodes("1,2,3,4,5,6,7,8,9,10,11,12,13,14")]
[Node("A1", 2, "1,2,3")]
[Node("B1", 2, "2,5,7", AtLeast = 2)]
[Node("C1", 2, "4,5,6")]
[Node("A2", 2, "8,9,10")]
[Node("B2", 2, "9,12,14", AtLeast = 2)]
[Node("C2", 2, "11,12,13")]
[Node("class1", 3, "A1,B1,C1")]
[Node("class2", 3, "A2,B2,C2")]
[Pattern("1,2,7", "class1")]
[Pattern("2,3,7", "class1")]
[Pattern("4,5,7", "class1")]
[Pattern("5,6,7", "class1")]
[Pattern("8,9,14", "class2")]
[Pattern("9,10,14", "class2")]
[Pattern("11,12,14", "class2")]
[Pattern("12,13,14", "class2")]
[NodeRule("7,14", Grow = 1.0164550358627504)]
[Run(Iterations = 300, EvaluateEvery = 10)]
public partial class DeclaredFigure5;

// A user-written rule: the additive rule of Theorem 1 through an [Amplification] hook.
[Experiment("test-neurashed-hook")]
[Neurashed]
[RandomNeurashed(Classes = 3, Levels = 4, NodesPerLevel = 50, SharedNodes = 2, NodesPerClass = 4)]
public partial class DeclaredHook
{
    public static int Calls;

    [Amplification]
    static double Amplify(double value, bool onPathway, int node)
    {
        Calls++;
        return onPathway ? value + 2 : value;
    }
}

/// <summary>Neurashed declarations compiled by the generator, run through the generated trainer.</summary>
public sealed class DeclaredNeurashedTests
{
    private static RunContext Context(ulong seed = 1) => new(EvoDsl.Data.ClassSubset.None, EvoDsl.Data.ClassSubset.None, seed, 1);

    [Fact]
    public void TheGoldenFigure5IsTheExperimentsDeclaration()
    {
        ExperimentDescriptor golden = DeclaredFigure5.Descriptor, declared = NeurashedInformationBottleneck.Descriptor;
        Assert.Equal(declared.Algorithm, golden.Algorithm); // batch, rule, initial values and the graph with its node rules
        Assert.Equal(declared.Run.Seed, golden.Run.Seed);
        Assert.Equal(declared.Run.EvaluateEvery, golden.Run.EvaluateEvery);
    }

    [Fact]
    public void TheDeclaredFigure5MeasuresWhatAHandBuiltFigure5Measures()
    {
        // The hand-built graph and rule stepped by Algorithm 1 and measured level by level, without the declaration.
        NeurashedGraph graph = HandBuiltFigure5.Graph();
        NeurashedInputs inputs = HandBuiltFigure5.Inputs(graph);
        var model = new NeurashedModel(graph, InitialValues.Uniform(0, 0.01), InitialValues.Uniform(0, 0.01), seed: 1);
        var training = new NeurashedTraining<HandBuiltFigure5.Rule, Multiplicative<Figure5Rates>>(model, inputs, 1, BatchSampling.Reshuffled, seed: 1);
        var measurement = new InformationBottleneckOptions { Seed = 1 };
        var byHand = new List<(double Input, double Label)[]>();
        for (long t = 0; t <= 300; t++)
        {
            if (t % 10 == 0)
                byHand.Add([.. Enumerable.Range(1, 3).Select(level => LevelInformation.Measure(model, inputs, level, t, measurement))]);
            if (t < 300)
                training.Step();
        }

        using var declared = NeurashedInformationBottleneck.Descriptor.Create(Context());
        var series = InformationBottleneck.Measure(declared, 300, 10).Series;

        Assert.Equal(byHand.Count, series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            Assert.Equal(10 * i, series[i].Iteration);
            (double Input, double Label)[] measured =
                [(series[i].Level1Input, series[i].Level1Label), (series[i].Level2Input, series[i].Level2Label), (series[i].Level3Input, series[i].Level3Label)];
            Assert.Equal(byHand[i], measured);
        }
        Assert.True(series.Max(p => p.Level2Input) > 1.5, "the rise toward 2 bits");
    }

    [Fact]
    public void ANodeRuleGrowsItsNodesSlowerAndLeavesTheOthersToTheDeclaredRule()
    {
        using var declared = NeurashedInformationBottleneck.Descriptor.Create(Context());
        NeurashedModel model = ModelOf(declared);
        double[] before = model.AmplificationFactors.ToArray();
        declared.Step(); // one input: every pattern of class 1 fires node 7, every pattern of class 2 node 14
        int seven = model.Graph.IndexOf("7"), fourteen = model.Graph.IndexOf("14");
        bool classOne = model.AmplificationFactors[seven] > before[seven];
        (int grown, int shrunk) = classOne ? (seven, fourteen) : (fourteen, seven);
        Assert.Equal(before[grown] * 1.0164550358627504, model.AmplificationFactors[grown], 15); // [NodeRule]'s g+
        Assert.Equal(before[shrunk] * 0.994574399082926, model.AmplificationFactors[shrunk], 15); // [Neurashed]'s g−
        for (int node = 0; node < before.Length; node++)
        {
            if (node == seven || node == fourteen)
                continue;
            double ratio = model.AmplificationFactors[node] / before[node];
            Assert.True(Math.Abs(ratio - 1.061671021678069) < 1e-12 || Math.Abs(ratio - 0.994574399082926) < 1e-12,
                $"node {model.Graph.NameOf(node)} changed by {ratio}");
        }
    }

    [Fact]
    public void AnAmplificationHookIsCalledForEveryFactorAndResumesExactly()
    {
        using var first = DeclaredHook.Descriptor.Create(Context(seed: 3));
        DeclaredHook.Calls = 0;
        for (int i = 0; i < 20; i++)
            first.Step();
        NeurashedModel model = ModelOf(first);
        Assert.Equal(20 * (model.AmplificationFactors.Length + model.ClassEdgeWeights.Length), DeclaredHook.Calls);
        Assert.Contains(model.AmplificationFactors.ToArray(), v => v > 0.01); // grown additively by 2 per firing

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            first.WriteState(writer);
        for (int i = 0; i < 10; i++)
            first.Step();

        using var resumed = DeclaredHook.Descriptor.Create(Context(seed: 3));
        buffer.Position = 0;
        using (var reader = new BinaryReader(buffer))
            resumed.ReadState(reader);
        Assert.Equal(20, resumed.Completed);
        for (int i = 0; i < 10; i++)
            resumed.Step();
        Assert.Equal(ModelOf(first).AmplificationFactors.ToArray(), ModelOf(resumed).AmplificationFactors.ToArray());
        Assert.Equal(ModelOf(first).ClassEdgeWeights.ToArray(), ModelOf(resumed).ClassEdgeWeights.ToArray());
    }

    [Fact]
    public void AStepAllocatesNothing()
    {
        using var declared = NeurashedInformationBottleneck.Descriptor.Create(Context());
        for (int i = 0; i < 50; i++)
            declared.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
            declared.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The declaration's trainer is a NeurashedExperiment closed over its generated rules; the test reads the model through it.</summary>
    private static NeurashedModel ModelOf(object trainer) =>
        (NeurashedModel)trainer.GetType().GetProperty("Model")!.GetValue(trainer)!;

    private static double Value(IReadOnlyList<Metric> row, string name) => row.Single(m => m.Name == name).Value;
}
