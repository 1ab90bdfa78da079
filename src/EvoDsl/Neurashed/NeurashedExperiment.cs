using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Metrics;

namespace EvoDsl.Neurashed;

/// <summary>
/// A declared neurashed as the runner drives it: one Step() is one iteration of Algorithm 1
/// (allocation-free); each evaluation measures accuracy and loss over the input types, the mutual
/// information between every level's noisy scores and the input type and the label (the Fig. 5
/// estimator of <see cref="LevelInformation.Measure"/>), and the sparsity of every
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
        _warn = context.Warn;
        for (int x = 1; x < graph.Inputs.Count && !_severalLabels; x++)
            _severalLabels = graph.Inputs.LabelOf(x) != graph.Inputs.LabelOf(0);
    }

    private readonly Action<string> _warn;
    private readonly bool _severalLabels; // whether the inputs have more than one class, so predicting one class is a collapse
    private bool _collapseReported; // warn when the model collapses, not at every evaluation while it stays so

    public NeurashedModel Model => _model;

    public int Completed => checked((int)_training.Iteration);

    public long UnitsPerStep => _settings.BatchSize;

    /// <summary>The mean cross-entropy over the input types at the last evaluation.</summary>
    public double LastStepScore { get; private set; } = double.NaN;

    public void Step() => _training.Step();

    /// <summary>
    /// The metrics, in this order: iteration; loss (the exact mean cross-entropy, however large) and
    /// accuracy over the input types; predicted_classes, the number of distinct classes the model
    /// predicts over the input types (1 with inputs of several classes: it has collapsed onto one class);
    /// log10_max_logit and log10_max_factor, log₁₀ of the largest logit Z over the inputs and of the
    /// largest λ or η (−324, below every positive double, when all are 0), which show how close the
    /// model is to the end of the double range; then I(level; input), I(level; label) per level and the
    /// sparsity of λ per level. Every value is finite. A model that cannot be reported with finite numbers
    /// throws <see cref="EvoDslException"/> instead: a λ or η that is ∞ or NaN (g+ has run past the
    /// double range), or an input whose label's logit is more than the largest double below the top
    /// logit (the cross-entropy itself is beyond the double range).
    /// </summary>
    public IReadOnlyList<Metric> Evaluate()
    {
        NeurashedGraph graph = _model.Graph;
        NeurashedInputs inputs = _training.Inputs;
        ThrowIfDiverged();
        var logits = new double[graph.ClassCount];
        var predicted = new bool[graph.ClassCount];
        var losses = new double[inputs.Count];
        int correct = 0;
        double largestLogit = 0;
        int largestLogitExponent = 0;
        for (int x = 0; x < inputs.Count; x++)
        {
            int exponent = _model.ScaledLogits(inputs.FeaturesOf(x), logits);
            int label = inputs.LabelOf(x);
            int prediction = TensorPrimitives.IndexOfMax<double>(logits); // first of equal maxima; no NaN with finite λ, η
            predicted[prediction] = true;
            correct += prediction == label ? 1 : 0;
            losses[x] = NeurashedModel.CrossEntropy(logits, exponent, label);
            if (!double.IsFinite(losses[x]))
                throw Collapsed(x, label, prediction, logits, exponent);
            if (logits[prediction] > 0 && (largestLogit == 0 || Log2(logits[prediction], exponent) > Log2(largestLogit, largestLogitExponent)))
                (largestLogit, largestLogitExponent) = (logits[prediction], exponent);
        }
        double loss = 0;
        foreach (double l in losses)
            loss += l;
        loss /= inputs.Count;
        if (!double.IsFinite(loss)) // each is finite, their sum not: average without overflowing
        {
            loss = 0;
            foreach (double l in losses)
                loss += l / inputs.Count;
        }
        LastStepScore = loss;

        WarnIfCollapsed(predicted, correct, inputs);
        var metrics = new List<Metric>
        {
            new("iteration", Completed),
            new("loss", LastStepScore),
            new("accuracy", (double)correct / inputs.Count),
            new("predicted_classes", predicted.Count(p => p)),
            new("log10_max_logit", largestLogit > 0 ? Log2(largestLogit, largestLogitExponent) * Math.Log10(2) : ZeroLog10),
            new("log10_max_factor", LargestFactorLog10()),
        };
        for (int level = 1; level <= graph.Levels; level++)
        {
            var (input, label) = LevelInformation.Measure(_model, inputs, level, _training.Iteration, _measurement);
            metrics.Add(new(LevelInformation.InputBitsMetric(level), input));
            metrics.Add(new(LevelInformation.LabelBitsMetric(level), label));
        }
        for (int level = 1; level < graph.Levels; level++)
        {
            // Both measures are ratios of λ, so the level is divided by a power of two first: Σλ of a few
            // factors near the end of the double range would otherwise be ∞ and the measures NaN.
            double[] slice = _model.AmplificationFactors[graph.NodesOn(level)].ToArray();
            int shift = Math.ILogB(Math.Max(TensorPrimitives.Max<double>(slice), double.Epsilon));
            for (int i = 0; i < slice.Length; i++)
                slice[i] = Math.ScaleB(slice[i], -shift);
            metrics.Add(new($"level{level}_top{SparsityTopK}_share", PathwaySparsity.TopShare(slice, Math.Min(SparsityTopK, slice.Length))));
            metrics.Add(new($"level{level}_entropy", PathwaySparsity.NormalizedEntropy(slice)));
        }
        return metrics;
    }

    /// <summary>What log10_max_logit and log10_max_factor report when every value is 0: below log₁₀ of the smallest positive double (−323.3).</summary>
    public const double ZeroLog10 = -324;

    private static double Log2(double scaled, int exponent) => Math.Log2(scaled) + exponent;

    private double LargestFactorLog10()
    {
        double largest = Math.Max(TensorPrimitives.Max<double>(_model.AmplificationFactors),
            _model.ClassEdgeWeights.IsEmpty ? 0 : TensorPrimitives.Max<double>(_model.ClassEdgeWeights));
        return largest > 0 ? Math.Log10(largest) : ZeroLog10;
    }

    /// <summary>A λ or η that is ∞ or NaN: the rule has taken the model past the double range; nothing after it is a result.</summary>
    private void ThrowIfDiverged()
    {
        if (!_model.TryFindNonFinite(out bool isLambda, out int index))
            return;
        NeurashedGraph graph = _model.Graph;
        string factor;
        if (isLambda)
            factor = $"the amplification factor λ of node '{graph.NameOf(index)}' (level {graph.LevelOf(index)})";
        else
        {
            int classNode = graph.FirstClass;
            while (graph.FirstEdgeOf(classNode + 1) - graph.ClassEdgeOffset <= index)
                classNode++;
            int dependent = graph.DependentsOf(classNode)[index - (graph.FirstEdgeOf(classNode) - graph.ClassEdgeOffset)];
            factor = $"the weight η of the edge '{graph.NameOf(dependent)}' → '{graph.NameOf(classNode)}'";
        }
        double value = isLambda ? _model.AmplificationFactors[index] : _model.ClassEdgeWeights[index];
        throw new EvoDslException(string.Create(CultureInfo.InvariantCulture,
            $"the neurashed diverged by iteration {Completed}: {factor} is {value} " +
            $"({(double.IsNaN(value) ? "the update rule returned NaN" : "g+ took it past the largest double, 1.8e308")}). " +
            $"{RuleAdvice()} The metrics of the evaluations before this one are the run's results."));
    }

    /// <summary>A model that gives every input the same class, though the inputs have several, is collapsed: say so once.</summary>
    private void WarnIfCollapsed(bool[] predicted, int correct, NeurashedInputs inputs)
    {
        bool collapsed = _severalLabels && predicted.Count(p => p) == 1;
        if (collapsed && !_collapseReported)
        {
            string winner = _model.Graph.NameOf(_model.Graph.FirstClass + Array.IndexOf(predicted, true));
            string accuracy = (100.0 * correct / inputs.Count).ToString("F1", CultureInfo.InvariantCulture);
            _warn($"at iteration {Completed} the neurashed predicts {winner} for every input (accuracy {accuracy}%): it has collapsed onto one class, "
                  + "the nodes every input fires having outgrown each class's own; a multiplicative g+ with no g− does this on a random graph "
                  + "(docs/neurashed.md, 'Collapse and divergence'): try Update = AmplificationUpdate.Additive, or Shrink below 1");
        }
        _collapseReported = collapsed;
    }

    private EvoDslException Collapsed(int input, int label, int prediction, ReadOnlySpan<double> logits, int exponent)
    {
        NeurashedGraph graph = _model.Graph;
        double log10Top = Log2(logits[prediction], exponent) * Math.Log10(2);
        return new EvoDslException(string.Create(CultureInfo.InvariantCulture,
            $"the neurashed collapsed by iteration {Completed}: on input {input} (class '{graph.NameOf(graph.FirstClass + label)}') the logit of " +
            $"'{graph.NameOf(graph.FirstClass + prediction)}' (about 10^{log10Top:F1}) exceeds the label's by more than the largest double, " +
            $"so the cross-entropy is beyond the double range. {RuleAdvice()} The metrics of the evaluations before this one are the run's results."));
    }

    // The declared rules are this assembly's structs; an [Amplification] hook is the user's, and its g+ is not Grow.
    private string RuleAdvice() => _settings.Update == AmplificationUpdate.Multiplicative && typeof(TLambdaRule).Assembly == typeof(IUpdateRule).Assembly
        ? string.Create(CultureInfo.InvariantCulture,
            $"With g+(x) = {_settings.Grow}·x a factor on the pathway of every batch (such as a shared node of [RandomNeurashed]) grows " +
            $"{_settings.Grow}× per iteration and its paths outgrow the classes' own ones (docs/neurashed.md, \"Collapse and divergence\"); run fewer iterations, lower Grow, " +
            $"or use Update = AmplificationUpdate.Additive.")
        : "Run fewer iterations or use smaller updates (docs/neurashed.md, \"Collapse and divergence\").";

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
