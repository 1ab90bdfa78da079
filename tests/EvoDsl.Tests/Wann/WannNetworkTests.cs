using EvoDsl.Kernels;
using EvoDsl.Wann;
using Xunit;

namespace EvoDsl.Tests.Wann;

/// <summary>WANN's genome, mutations, compiled forward pass and score, against direct computations in double.</summary>
public sealed class WannNetworkTests
{
    private const int Inputs = 5, Outputs = 3, Batch = 7;

    [Fact]
    public void TheStartingNetworkJoinsBiasAndInputsToOutputsInTheReferencesOrder()
    {
        var genome = new WannGenome(Inputs, Outputs);
        var random = new SplitMix64(1);
        genome.Initialize(1.0, ref random);
        Assert.Equal(1 + Inputs + Outputs, genome.NodeCount);
        Assert.Equal((Inputs + 1) * Outputs, genome.ConnectionCount);
        // Innovation k joins node k mod (Inputs + 1) to output k / (Inputs + 1).
        Assert.Equal(0, genome.Sources[0]);
        Assert.Equal(genome.OutputId(0), genome.Destinations[0]);
        Assert.Equal(Inputs, genome.Sources[Inputs]);
        Assert.Equal(genome.OutputId(1), genome.Destinations[Inputs + 1]);
        Assert.Equal(genome.ConnectionCount, genome.EnabledConnections);

        genome.Initialize(0.0, ref random);
        Assert.Equal(0, genome.EnabledConnections);
    }

    [Fact]
    public void MutationsKeepTheNetworkFeedForwardAndEveryKindHappens()
    {
        var genome = new WannGenome(Inputs, Outputs);
        var random = new SplitMix64(7);
        genome.Initialize(0.5, ref random);
        var mutation = new WannMutation(new WannMutationRates(), WannActivations.Classification, genome.ConnectionCount, 1 + Inputs + Outputs);
        var network = new WannNetwork(Inputs, Outputs);
        var seen = new HashSet<WannMutationKind>();
        for (int step = 0; step < 400; step++)
        {
            seen.Add(mutation.Mutate(genome, ref random));
            network.Compile(genome); // throws on a cycle
            Assert.Equal(genome.EnabledConnections, network.Connections);
        }
        Assert.Superset(new HashSet<WannMutationKind> { WannMutationKind.AddConnection, WannMutationKind.AddNode, WannMutationKind.EnableConnection, WannMutationKind.ChangeActivation }, seen);
        Assert.True(genome.NodeCount > 1 + Inputs + Outputs + 20, $"only {genome.NodeCount - Inputs - Outputs - 1} hidden nodes after 400 mutations");
        // No gene joins a pair twice, and no connection leaves an output or enters an input or the bias.
        var pairs = new HashSet<(int, int)>();
        for (int j = 0; j < genome.ConnectionCount; j++)
        {
            Assert.True(pairs.Add((genome.Sources[j], genome.Destinations[j])), $"two genes join {genome.Sources[j]} → {genome.Destinations[j]}");
            Assert.False(genome.Sources[j] > Inputs && genome.Sources[j] <= Inputs + Outputs, "a connection leaves an output");
            Assert.True(genome.Destinations[j] > Inputs, "a connection enters the bias or an input");
        }
    }

    [Theory]
    [InlineData(-2f)]
    [InlineData(0.5f)]
    [InlineData(1f)]
    public void ForwardMatchesTheGenomeEvaluatedNodeByNodeInDouble(float weight)
    {
        WannGenome genome = Mutated(seed: 3, mutations: 150);
        var network = new WannNetwork(Inputs, Outputs);
        network.Compile(genome);
        float[] inputs = InputRows(seed: 5);
        var computed = new float[network.ComputedRows * Batch];
        network.Forward(weight, inputs, Batch, computed);
        ReadOnlySpan<float> outputs = network.OutputRows(computed, Batch);

        for (int i = 0; i < Batch; i++)
        {
            var memo = new Dictionary<int, double>();
            for (int k = 0; k < Outputs; k++)
            {
                double expected = Value(genome, genome.OutputId(k), weight, inputs, i, memo);
                Assert.Equal(expected, outputs[k * Batch + i], Math.Max(1e-4, Math.Abs(expected) * 1e-4));
            }
        }
    }

    [Fact]
    public void CrossEntropyAndAccuracyMatchTheirDefinitions()
    {
        float[] outputs = [2, -1, 0.5f, /* class 1 */ 0, 3, 0.5f, /* class 2 */ 1, 1, 4];
        int[] labels = [0, 1, 1];
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            double sum = 0;
            for (int k = 0; k < 3; k++)
                sum += Math.Exp(outputs[k * 3 + i]);
            expected += -Math.Log(Math.Exp(outputs[labels[i] * 3 + i]) / sum);
        }
        Assert.Equal(expected / 3, ClassRows.MeanCrossEntropy(outputs, 3, labels, new float[9]), 5);
        Assert.Equal(2, ClassRows.Correct(outputs, 3, labels)); // sample 2's largest output is class 2
        float[] overflow = [float.NaN, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Equal(double.PositiveInfinity, ClassRows.MeanCrossEntropy(overflow, 3, labels, new float[9]));
    }

    [Fact]
    public void HiddenNodesAreOrderedWhateverTheOrderTheyWereAdded()
    {
        // Hidden nodes added as 100, 101, 102 but wired 102 → 101 → 100: the order must be 102, 101, 100.
        var genome = new WannGenome(Inputs, Outputs);
        foreach (int id in new[] { 100, 101, 102 })
            genome.AddNode(id, WannActivation.Linear);
        genome.AddConnection(0, 1, 102, enabled: true);
        genome.AddConnection(1, 102, 101, enabled: true);
        genome.AddConnection(2, 101, 100, enabled: true);
        genome.AddConnection(3, 100, genome.OutputId(0), enabled: true);
        var network = new WannNetwork(Inputs, Outputs);
        network.Compile(genome);
        float[] inputs = InputRows(seed: 2);
        var computed = new float[network.ComputedRows * Batch];
        network.Forward(2f, inputs, Batch, computed);
        // Output 0 = 2·(2·(2·(2·input 1))), a chain of four connections at w = 2.
        for (int i = 0; i < Batch; i++)
            Assert.Equal(16 * inputs[1 * Batch + i], network.OutputRows(computed, Batch)[i], 5);

        genome.AddConnection(4, 100, 102, enabled: false); // a cycle, even through a disabled connection
        Assert.Throws<InvalidOperationException>(() => network.Compile(genome));
    }

    [Fact]
    public void AGenomeSurvivesItsCheckpoint()
    {
        WannGenome genome = Mutated(seed: 11, mutations: 60);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            genome.Write(writer);
        stream.Position = 0;
        var read = new WannGenome(Inputs, Outputs);
        read.Read(new BinaryReader(stream));
        Assert.Equal(genome.NodeIds.ToArray(), read.NodeIds.ToArray());
        Assert.Equal(genome.Activations.ToArray(), read.Activations.ToArray());
        Assert.Equal(genome.Sources.ToArray(), read.Sources.ToArray());
        Assert.Equal(genome.Destinations.ToArray(), read.Destinations.ToArray());
        Assert.Equal(genome.Enabled.ToArray(), read.Enabled.ToArray());
        Assert.Equal(genome.Innovations.ToArray(), read.Innovations.ToArray());
    }

    private static WannGenome Mutated(ulong seed, int mutations)
    {
        var genome = new WannGenome(Inputs, Outputs);
        var random = new SplitMix64(seed);
        genome.Initialize(0.6, ref random);
        var mutation = new WannMutation(new WannMutationRates(), WannActivations.Classification, genome.ConnectionCount, 1 + Inputs + Outputs);
        for (int i = 0; i < mutations; i++)
            mutation.Mutate(genome, ref random);
        return genome;
    }

    /// <summary>The bias row (ones) and Inputs rows of values in [0, 1], Batch each.</summary>
    private static float[] InputRows(ulong seed)
    {
        var random = new SplitMix64(seed);
        var rows = new float[(1 + Inputs) * Batch];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = i < Batch ? 1 : random.NextFloat();
        return rows;
    }

    /// <summary>A node's value for sample <paramref name="i"/>: f(w · Σ enabled sources), by recursion over the genes.</summary>
    private static double Value(WannGenome genome, int id, float weight, float[] inputs, int i, Dictionary<int, double> memo)
    {
        if (id <= Inputs)
            return inputs[id * Batch + i];
        if (memo.TryGetValue(id, out double known))
            return known;
        double sum = 0;
        bool any = false;
        for (int j = 0; j < genome.ConnectionCount; j++)
            if (genome.Enabled[j] && genome.Destinations[j] == id)
            {
                sum += Value(genome, genome.Sources[j], weight, inputs, i, memo);
                any = true;
            }
        int node = genome.NodeIds.IndexOf(id);
        double value = WannActivations.Apply(genome.Activations[node], any ? weight * sum : 0);
        memo[id] = value;
        return value;
    }
}
