using EvoDsl.Hosting;
using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

// Fig. 5 declared with the DSL, as in experiments/EvoDsl.Experiments/NeurashedExperiments.cs.
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
    public void TheDeclaredFigure5GraphMeasuresWhatTheLibraryPhenomenonMeasures()
    {
        var library = InformationBottleneckExperiment.Run(new InformationBottleneckOptions { Iterations = 300, Every = 10 });
        using var declared = DeclaredFigure5.Descriptor.Create(Context());
        var rows = new List<IReadOnlyList<Metric>> { declared.Evaluate() };
        while (declared.Completed < 300)
        {
            declared.Step();
            if (declared.Completed % 10 == 0)
                rows.Add(declared.Evaluate());
        }

        Assert.Equal(library.Series.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(library.Series[i].Iteration, Value(rows[i], "iteration"));
            Assert.Equal(library.Series[i].Level2Input, Value(rows[i], "level2_input_bits"), 12);
            Assert.Equal(library.Series[i].Level2Label, Value(rows[i], "level2_label_bits"), 12);
            Assert.Equal(library.Series[i].Level1Input, Value(rows[i], "level1_input_bits"), 12);
        }
        Assert.True(library.PeakInputBits > 1.5, $"peak {library.PeakInputBits}");
    }

    [Fact]
    public void ANodeRuleGrowsItsNodesSlowerAndLeavesTheOthersToTheDeclaredRule()
    {
        using var declared = DeclaredFigure5.Descriptor.Create(Context());
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
        using var declared = DeclaredFigure5.Descriptor.Create(Context());
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
