using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using EvoDsl.Hosting;
using EvoDsl.Kernels;
using EvoDsl.Metrics;
using EvoDsl.Neurashed.Phenomena;

namespace EvoDsl.Neurashed;

/// <summary>
/// A declared neurashed as the runner drives it: one Step() is one iteration of Algorithm 1
/// (allocation-free); each evaluation measures accuracy and loss over the input types, the mutual
/// information between every level's noisy scores and the input type and the label (the Fig. 5
/// estimator of <see cref="InformationBottleneckExperiment.Measure"/>), and the sparsity of every
/// level's amplification factors.
/// </summary>
public sealed class NeurashedExperiment<TLambdaRule, TEtaRule> : ITrainer
    where TLambdaRule : struct, IUpdateRule
    where TEtaRule : struct, IUpdateRule
{
    /// <summary>The k of the "share of λ mass in the top k nodes" sparsity measure.</summary>
    public const int SparsityTopK = 3;

    private readonly NeurashedSettings _settings;
    private readonly NeurashedModel _model;
    private readonly NeurashedTraining<TLambdaRule, TEtaRule> _training;
    private readonly InformationBottleneckOptions _measurement;

    public NeurashedExperiment(NeurashedSettings settings, DeclaredNeurashed graph, RunContext context)
    {
        _settings = settings;
        var initial = InitialValues.Uniform(settings.InitialLow, settings.InitialHigh);
        _model = new NeurashedModel(graph.Graph, initial, initial, context.Seed);
        _training = new NeurashedTraining<TLambdaRule, TEtaRule>(_model, graph.Inputs, settings.BatchSize, settings.Sampling, context.Seed);
        _measurement = new InformationBottleneckOptions { Seed = context.Seed };
    }

    public NeurashedModel Model => _model;

    public int Completed => checked((int)_training.Iteration);

    public long UnitsPerStep => _settings.BatchSize;

    /// <summary>The mean cross-entropy over the input types at the last evaluation.</summary>
    public double LastStepScore { get; private set; } = double.NaN;

    public void Step() => _training.Step();

    public IReadOnlyList<Metric> Evaluate()
    {
        NeurashedGraph graph = _model.Graph;
        NeurashedInputs inputs = _training.Inputs;
        var probabilities = new double[graph.ClassCount];
        int correct = 0;
        double loss = 0;
        for (int x = 0; x < inputs.Count; x++)
        {
            _model.Probabilities(inputs.FeaturesOf(x), probabilities);
            int label = inputs.LabelOf(x);
            correct += TensorPrimitives.IndexOfMax<double>(probabilities) == label ? 1 : 0;
            loss -= Math.Log(Math.Max(probabilities[label], 1e-300));
        }
        LastStepScore = loss / inputs.Count;

        var metrics = new List<Metric>
        {
            new("iteration", Completed),
            new("loss", LastStepScore),
            new("accuracy", (double)correct / inputs.Count),
        };
        for (int level = 1; level <= graph.Levels; level++)
        {
            var (input, label) = InformationBottleneckExperiment.Measure(_model, inputs, level, _training.Iteration, _measurement);
            metrics.Add(new($"level{level}_input_bits", input));
            metrics.Add(new($"level{level}_label_bits", label));
        }
        foreach (LevelSparsity level in PathwaySparsity.PerLevel(graph, _model.AmplificationFactors, SparsityTopK))
        {
            metrics.Add(new($"level{level.Level}_top{SparsityTopK}_share", level.TopShare));
            metrics.Add(new($"level{level.Level}_entropy", level.NormalizedEntropy));
        }
        return metrics;
    }

    /// <summary>amplification-factors.csv: every node's level, name and λ; class-edge-weights.csv: every η.</summary>
    public void WriteArtifacts(string directory)
    {
        NeurashedGraph graph = _model.Graph;
        var lambda = new StringBuilder("level,node,lambda\n");
        for (int node = 0; node < graph.AmplifiedCount; node++)
            lambda.Append(CultureInfo.InvariantCulture, $"{graph.LevelOf(node)},{Csv(graph.NameOf(node))},{_model.AmplificationFactors[node]:R}\n");
        AtomicFile.WriteAllText(Path.Combine(directory, "amplification-factors.csv"), lambda.ToString());

        var eta = new StringBuilder("class,dependent,eta\n");
        for (int classNode = graph.FirstClass; classNode < graph.NodeCount; classNode++)
        {
            ReadOnlySpan<int> dependents = graph.DependentsOf(classNode);
            int first = graph.FirstEdgeOf(classNode) - graph.ClassEdgeOffset;
            for (int k = 0; k < dependents.Length; k++)
                eta.Append(CultureInfo.InvariantCulture, $"{Csv(graph.NameOf(classNode))},{Csv(graph.NameOf(dependents[k]))},{_model.ClassEdgeWeights[first + k]:R}\n");
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "class-edge-weights.csv"), eta.ToString());
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_training.Iteration);
        writer.Write(LastStepScore);
        BinaryState.Write<double>(writer, _model.AmplificationFactors);
        BinaryState.Write<double>(writer, _model.ClassEdgeWeights);
    }

    public void ReadState(BinaryReader reader)
    {
        long iteration = reader.ReadInt64();
        double score = reader.ReadDouble();
        BinaryState.Read(reader, _model.AmplificationFactors, "amplification factors");
        BinaryState.Read(reader, _model.ClassEdgeWeights, "class edge weights");
        _training.Restart(iteration);
        LastStepScore = score;
    }

    public void Dispose()
    {
    }

    private static string Csv(string name) => name.Contains(',') || name.Contains('"') ? $"\"{name.Replace("\"", "\"\"")}\"" : name;
}
