using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Metrics;

namespace EvoDsl.Neurashed.Phenomena;

/// <summary>The knobs of the implicit-regularization run; defaults are the ones docs/neurashed.md reports.</summary>
public sealed record ImplicitRegularizationOptions
{
    /// <summary>K.</summary>
    public int Classes { get; init; } = 2;

    /// <summary>Nodes per class on each level below the classes (a level is Classes × BlockWidth wide).</summary>
    public int BlockWidth { get; init; } = 24;

    /// <summary>L: three feature levels and the classes.</summary>
    public int Levels { get; init; } = 4;

    /// <summary>Dependents of a node above level 1, drawn from its class's block on the level below.</summary>
    public int Dependents { get; init; } = 4;

    /// <summary>A node above level 1 fires when at least this many of its dependents fire.</summary>
    public int Threshold { get; init; } = 2;

    /// <summary>Inputs per class.</summary>
    public int InputsPerClass { get; init; } = 16;

    /// <summary>Level-1 features of a class's prototype; an input keeps each with probability KeepProbability.</summary>
    public int PrototypeFeatures { get; init; } = 10;

    public double KeepProbability { get; init; } = 0.7;

    /// <summary>Probability that an input also fires one of its class's non-prototype features.</summary>
    public double StrayProbability { get; init; } = 0.05;

    /// <summary>Iterations of Algorithm 1 for every batch size (compared at equal numbers of updates).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Batch sizes; the largest default is the full batch (every input in every update).</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 2, 4, 8, 16, 32];

    /// <summary>k of the top-k share, per class block of a level ("three nodes in the middle", Fig. 3c).</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Independent graphs and data sets averaged over.</summary>
    public int Repeats { get; init; } = 5;

    public ulong Seed { get; init; } = 1;
}

/// <summary>Sparsity of the learned λ at one batch size, averaged over levels, class blocks and repeats.</summary>
public readonly record struct SparsityRow(int BatchSize, double TopShare, double NormalizedEntropy);

public sealed record ImplicitRegularizationResult(IReadOnlyList<SparsityRow> Rows);

/// <summary>
/// Implicit regularization (paper 002, §3, Figs. 3-4): with batch size 1 only the features most
/// samples share fire often, so they outgrow the rest and the learned pathway is sparse; with large
/// batches almost every feature of the class fires in every update and the pathway stays dense.
/// Measured on random class-structured neurashed graphs with noisy inputs (docs/neurashed.md).
/// </summary>
public static class ImplicitRegularizationExperiment
{
    /// <summary>
    /// Each level below the classes has one block of BlockWidth nodes per class; a node above level 1
    /// depends on Dependents random nodes of its class's block below and fires on AtLeast(Threshold);
    /// class k depends on its whole block of level L−1 (any). Inputs of class k fire each of the class's
    /// prototype features with KeepProbability and each other feature of its block with StrayProbability.
    /// </summary>
    public static (NeurashedGraph Graph, NeurashedInputs Inputs) ClassBlocks(ImplicitRegularizationOptions o, ulong seed)
    {
        int featureLevels = o.Levels - 1, width = o.Classes * o.BlockWidth;
        var builder = new NeurashedBuilder(o.Levels);
        string Name(int level, int node) => $"L{level}.{node}";
        builder.FirstLevel(Enumerable.Range(0, width).Select(i => Name(1, i)));
        for (int level = 2; level <= featureLevels; level++)
            for (int node = 0; node < width; node++)
            {
                int block = node / o.BlockWidth;
                var random = new SplitMix64(Streams.Key(seed, Streams.SparsityData, (ulong)level, (ulong)node));
                var below = Sample(o.BlockWidth, o.Dependents, ref random).Select(i => Name(level - 1, block * o.BlockWidth + i));
                builder.Node(level, Name(level, node), FiringRule.AtLeast(o.Threshold), below);
            }
        for (int k = 0; k < o.Classes; k++)
            builder.Node(o.Levels, $"class{k}", FiringRule.Any, Enumerable.Range(k * o.BlockWidth, o.BlockWidth).Select(i => Name(featureLevels, i)));
        var graph = builder.Build();

        var firing = new List<IReadOnlyList<int>>();
        var labels = new List<int>();
        for (int k = 0; k < o.Classes; k++)
        {
            var prototypeRandom = new SplitMix64(Streams.Key(seed, Streams.SparsityData, 0, (ulong)k));
            var prototype = Sample(o.BlockWidth, o.PrototypeFeatures, ref prototypeRandom).ToHashSet();
            for (int n = 0; n < o.InputsPerClass; n++)
            {
                var random = new SplitMix64(Streams.Key(seed, Streams.SparsityData, 1, (ulong)(k * o.InputsPerClass + n)));
                firing.Add(Enumerable.Range(0, o.BlockWidth)
                    .Where(i => random.NextDouble() < (prototype.Contains(i) ? o.KeepProbability : o.StrayProbability))
                    .Select(i => k * o.BlockWidth + i).ToArray());
                labels.Add(k);
            }
        }
        return (graph, NeurashedInputs.FromIndices(graph, firing, labels));
    }

    /// <summary>Trains one model per batch size and repeat, measures, writes implicit-regularization.csv/.png (if a directory is given).</summary>
    public static ImplicitRegularizationResult Run(ImplicitRegularizationOptions options)
    {
        var rows = new List<SparsityRow>();
        foreach (int batchSize in options.BatchSizes)
        {
            double top = 0, entropy = 0;
            for (int r = 0; r < options.Repeats; r++)
            {
                ulong seed = Streams.Key(options.Seed, Streams.ElasticityTrials, (ulong)r);
                var (graph, inputs) = ClassBlocks(options, seed);
                // Constant λ = 1: the dense or sparse pattern is then the dynamics' doing, not the initialisation's.
                var model = new NeurashedModel(graph, InitialValues.Constant(1), InitialValues.Constant(1), seed);
                var training = new NeurashedTraining<Multiplicative<Figure5Rates>, Multiplicative<Figure5Rates>>(
                    model, inputs, batchSize, BatchSampling.Reshuffled, seed);
                for (int i = 0; i < options.Iterations; i++)
                    training.Step();
                var (t, h) = Measure(model, options);
                top += t;
                entropy += h;
            }
            rows.Add(new SparsityRow(batchSize, top / options.Repeats, entropy / options.Repeats));
        }
        var result = new ImplicitRegularizationResult(rows);
        return result;
    }

    /// <summary>Top-k share and normalised entropy of λ per class block of every level below the classes, averaged.</summary>
    public static (double TopShare, double NormalizedEntropy) Measure(NeurashedModel model, ImplicitRegularizationOptions o)
    {
        var graph = model.Graph;
        ReadOnlySpan<double> lambda = model.AmplificationFactors;
        double top = 0, entropy = 0;
        int blocks = 0;
        for (int level = 1; level < graph.Levels; level++)
        {
            int start = graph.NodesOn(level).Start.Value;
            for (int k = 0; k < o.Classes; k++, blocks++)
            {
                var block = lambda.Slice(start + k * o.BlockWidth, o.BlockWidth);
                top += PathwaySparsity.TopShare(block, o.TopK);
                entropy += PathwaySparsity.NormalizedEntropy(block);
            }
        }
        return (top / blocks, entropy / blocks);
    }

    private static IEnumerable<int> Sample(int population, int count, ref SplitMix64 random)
    {
        var order = Enumerable.Range(0, population).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt(population - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(count).ToArray();
    }
}
