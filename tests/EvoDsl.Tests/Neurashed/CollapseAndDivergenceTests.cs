using EvoDsl.Hosting;
using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;
using Xunit;

namespace EvoDsl.Tests.Neurashed;

// The declaration a newcomer wrote from the README (defaults: g+(x) = 1.1·x, g−(x) = x): every input
// fires the 5 shared nodes of each level, so they grow 1.1× every iteration and their paths swamp the
// classes' own ones; the model predicts one class for every input (docs/neurashed.md, "Collapse and divergence").
[Experiment("test-neurashed-tiny-random")]
[Neurashed(BatchSize = 4)]
[RandomNeurashed(Classes = 3, Levels = 4, NodesPerLevel = 50, SharedNodes = 5, NodesPerClass = 3)]
[Run(Iterations = 200, EvaluateEvery = 50)]
public partial class TinyRandom;

[Experiment("test-neurashed-tiny-random-b1")]
[Neurashed(BatchSize = 1)]
[RandomNeurashed(Classes = 3, Levels = 4, NodesPerLevel = 50, SharedNodes = 5, NodesPerClass = 3)]
[Run(Iterations = 200, EvaluateEvery = 50)]
public partial class TinyRandomBatchOne;

// The same graph with Theorem 1's additive rule: shared and own factors grow at a fixed ratio.
[Experiment("test-neurashed-tiny-random-additive")]
[Neurashed(BatchSize = 4, Update = AmplificationUpdate.Additive, Grow = 2)]
[RandomNeurashed(Classes = 3, Levels = 4, NodesPerLevel = 50, SharedNodes = 5, NodesPerClass = 3)]
[Run(Iterations = 200, EvaluateEvery = 50)]
public partial class TinyRandomAdditive;

/// <summary>
/// A collapsed or diverged neurashed is reported as what it is: the loss is the exact cross-entropy
/// (no clamp), the accuracy the exact argmax (no NaN), every metric finite, and a model beyond the
/// double range fails the evaluation instead of reporting NaN.
/// </summary>
public sealed class CollapseAndDivergenceTests
{
    private static RunContext Context() => new(EvoDsl.Data.ClassSubset.None, EvoDsl.Data.ClassSubset.None, 1, 1);

    public static TheoryData<string> TinyRandomBatches => ["B = 4", "B = 1"];

    private static ITrainer Create(string batch) => batch == "B = 4" ? TinyRandom.Descriptor.Create(Context()) : TinyRandomBatchOne.Descriptor.Create(Context());

    [Theory]
    [MemberData(nameof(TinyRandomBatches))]
    public void TheTinyRandomDeclarationReportsTheExactLossAndAccuracyOfItsCollapsedModel(string batch)
    {
        using ITrainer trainer = Create(batch);
        (NeurashedModel model, NeurashedInputs inputs) = Internals(trainer);
        var rows = new List<(int Iteration, IReadOnlyList<Metric> Row, (double Loss, double Accuracy, double Log10MaxLogit) Exact)>();
        for (int iteration = 0; iteration <= 200; iteration++)
        {
            if (iteration % 50 == 0)
                rows.Add((iteration, trainer.Evaluate(), Reference(model, inputs)));
            if (iteration < 200)
                trainer.Step();
        }
        foreach (var (iteration, row, exact) in rows)
        {
            Assert.True(Math.Abs(Value(row, "loss") - exact.Loss) <= 1e-9 * exact.Loss + 1e-12, $"loss {Value(row, "loss")}, exact {exact.Loss} at {iteration}");
            Assert.Equal(exact.Accuracy, Value(row, "accuracy"));
        }
        foreach (var (iteration, row, exact) in rows)
        {
            Assert.All(row, m => Assert.True(double.IsFinite(m.Value), $"{m.Name} = {m.Value} at {iteration}"));
            Assert.Equal(exact.Log10MaxLogit, Value(row, "log10_max_logit"), 9);
        }

        IReadOnlyList<Metric> last = rows[^1].Row;
        // Iteration 200: the model predicts one class for all three inputs, and its loss is the
        // cross-entropy of logits near 10^21-10^24 that differ between classes by 10^20-10^24, not the
        // 460.517 = (2/3)·(−ln 1e-300) of a clamped probability.
        Assert.Equal(1.0 / 3, Value(last, "accuracy"));
        Assert.Equal(1, Value(last, "predicted_classes"));
        Assert.True(Value(last, "loss") > 1e20, $"loss {Value(last, "loss")}");
        Assert.Equal(Math.Log10(0.01) + 200 * Math.Log10(1.1), Value(last, "log10_max_factor"), 1); // a shared λ: ×1.1 every iteration
    }

    [Fact]
    public void TheSameGraphWithTheAdditiveRuleClassifiesEveryInput()
    {
        using var trainer = TinyRandomAdditive.Descriptor.Create(Context());
        for (int i = 0; i < 200; i++)
            trainer.Step();
        IReadOnlyList<Metric> row = trainer.Evaluate();
        Assert.Equal(1, Value(row, "accuracy"));
        Assert.Equal(3, Value(row, "predicted_classes"));
        Assert.True(Value(row, "loss") < 1e-9);
    }

    [Fact]
    public void ACollapseBeyondTheDoubleRangeFailsTheEvaluation()
    {
        using var trainer = TinyRandom.Descriptor.Create(Context());
        while (trainer.Completed < 1950)
            trainer.Step();
        IReadOnlyList<Metric> row = trainer.Evaluate(); // logits near 10^301: still reported, finite
        Assert.All(row, m => Assert.True(double.IsFinite(m.Value), $"{m.Name} = {m.Value}"));
        Assert.True(Value(row, "loss") > 1e290);
        Assert.True(Value(row, "log10_max_logit") > 300);

        while (trainer.Completed < 2000) // the top logit passes 10^308 and the label's is 10^308 below it
            trainer.Step();
        var error = Assert.Throws<EvoDslException>(() => trainer.Evaluate());
        Assert.Contains("collapsed by iteration 2000", error.Message);
        Assert.Contains("beyond the double range", error.Message);
        Assert.Contains("Additive", error.Message);
    }

    [Fact]
    public void ADivergedModelFailsTheEvaluation()
    {
        using var trainer = TinyRandom.Descriptor.Create(Context());
        while (trainer.Completed < 7500) // the largest shared λ, 0.00996 · 1.1^t, passes the largest double at t = 7,496
            trainer.Step();
        var error = Assert.Throws<EvoDslException>(() => trainer.Evaluate());
        Assert.Contains("diverged by iteration 7500", error.Message);
        Assert.Contains("amplification factor λ of node", error.Message);
    }

    [Fact]
    public void ARightModelWhoseLogitsPassTheDoubleRangeIsReportedRight()
    {
        // Two Paths with P and Q amplified near the largest double: Z_X({a,b}) = 0.5·1e308·5 = 2.5e308,
        // Z_Y({b,c}) = 2·1.5e308·8 = 2.4e309, both beyond double, each the input's own class by far.
        var graph = TinyGraphs.TwoPaths();
        var settings = new NeurashedSettings(1, BatchSampling.WithReplacement, AmplificationUpdate.Multiplicative, 2, 0.5, 0, 0.01, "two paths");
        var experiment = new NeurashedExperiment<Multiplicative<DoubleOrHalve>, Multiplicative<DoubleOrHalve>>(
            settings, new DeclaredNeurashed(graph, TinyGraphs.TwoPathsInputs(graph)), Context());
        double[] lambda = [2, 3, 5, 1e308, 1.5e308];
        double[] eta = [0.5, 0.25, 2];
        lambda.CopyTo(experiment.Model.AmplificationFactors);
        eta.CopyTo(experiment.Model.ClassEdgeWeights);

        var logits = new double[2];
        experiment.Model.Logits([1, 2], logits);
        Assert.Equal(double.PositiveInfinity, logits[1]); // the plain product overflows

        IReadOnlyList<Metric> row = experiment.Evaluate();
        Assert.All(row, m => Assert.True(double.IsFinite(m.Value), $"{m.Name} = {m.Value}"));
        Assert.Equal(1, Value(row, "accuracy"));
        Assert.Equal(0, Value(row, "loss"));
        Assert.Equal(2, Value(row, "predicted_classes"));
        Assert.Equal(Math.Log10(2.4) + 309, Value(row, "log10_max_logit"), 9);
        Assert.Equal(Math.Log10(1.5e308), Value(row, "log10_max_factor"), 12);
        // Level 2's λ sum to 2.5e308 = ∞; the sparsity measures are ratios and stay those of (0.4, 0.6).
        Assert.Equal(1, Value(row, "level2_top3_share"));
        Assert.Equal(-(0.4 * Math.Log2(0.4) + 0.6 * Math.Log2(0.6)), Value(row, "level2_entropy"), 12);

        var probabilities = new double[2];
        experiment.Model.Probabilities([1, 2], probabilities);
        Assert.Equal([0, 1], probabilities);
    }

    [Fact]
    public void ScaledLogitsAreThePlainLogitsBitForBitWithinTheDoubleRange()
    {
        var graph = TinyGraphs.TwoPaths();
        var model = TinyGraphs.TwoPathsModel(graph);
        var scaled = new double[2];
        int exponent = model.ScaledLogits([1, 2], scaled);
        Assert.Equal([32.5, 176], scaled.Select(z => Math.ScaleB(z, exponent)));
        Assert.True(scaled.Max() is >= 1 and < 2 || exponent == 0);

        // Cross-entropy by log-sum-exp equals −log softmax where that is representable, and grows
        // linearly where −log softmax would be −log 0.
        Assert.Equal(-Math.Log(Math.Exp(32.5 - 176) / (1 + Math.Exp(32.5 - 176))), NeurashedModel.CrossEntropy(scaled, exponent, 0), 12);
        Assert.Equal(Math.ScaleB(1.0, 997), NeurashedModel.CrossEntropy([1, 0.5], 998, 1)); // Z = (2^998, 2^997)
        Assert.Equal(double.PositiveInfinity, NeurashedModel.CrossEntropy([1, 0.5], 1030, 1));
        Assert.Equal(0, NeurashedModel.CrossEntropy([1, 0.5], 1030, 0));
    }

    [Fact]
    public void TheInformationMeasureIsUnchangedWhenTheScoresPassTheDoubleRange()
    {
        // Fig. 5 trained 150 iterations (the peak of I(L2; X)), then every λ of levels 1 and 2 multiplied
        // by 2^20 (every score vector well above the detection floor κ, all in range) or by 2^1000 (level
        // 1's squares beyond double, levels 2 and 3's scores themselves): the measure divides each score
        // vector by its norm, so the two must give the same bits.
        var options = new InformationBottleneckOptions();
        var graph = HandBuiltFigure5.Graph();
        var inputs = HandBuiltFigure5.Inputs(graph);
        var model = new NeurashedModel(graph, InitialValues.Uniform(0, 0.01), InitialValues.Uniform(0, 0.01), options.Seed);
        var training = new NeurashedTraining<HandBuiltFigure5.Rule, Multiplicative<Figure5Rates>>(
            model, inputs, 1, BatchSampling.Reshuffled, options.Seed);
        for (int i = 0; i < 150; i++)
            training.Step();
        NeurashedModel Amplified(int power)
        {
            var amplified = new NeurashedModel(graph, InitialValues.Zero, InitialValues.Zero, options.Seed);
            amplified.CopyStateFrom(model);
            for (int node = 0; node < graph.AmplifiedCount; node++)
                amplified.AmplificationFactors[node] = Math.ScaleB(amplified.AmplificationFactors[node], power);
            return amplified;
        }
        NeurashedModel inRange = Amplified(20), beyond = Amplified(1000);

        var level2 = new double[graph.Width(2)];
        beyond.ScoresOn(inputs.FeaturesOf(0), 2, level2);
        Assert.Contains(double.PositiveInfinity, level2);
        for (int level = 1; level <= graph.Levels; level++)
        {
            var expected = LevelInformation.Measure(inRange, inputs, level, 150, options);
            Assert.Equal(expected, LevelInformation.Measure(beyond, inputs, level, 150, options));
            Assert.True(expected.Input > 0.5, $"level {level}: {expected}");
        }
    }

    /// <summary>
    /// The mean cross-entropy, accuracy and log₁₀ of the largest logit computed independently in log
    /// space (log S_F = log λ_F + log Σ exp(log S_f)), where nothing overflows while λ and η are finite.
    /// </summary>
    private static (double Loss, double Accuracy, double Log10MaxLogit) Reference(NeurashedModel model, NeurashedInputs inputs)
    {
        NeurashedGraph graph = model.Graph;
        var pathway = new FeaturePathway(graph);
        double loss = 0, largest = double.NegativeInfinity;
        int correct = 0;
        for (int x = 0; x < inputs.Count; x++)
        {
            pathway.Find(inputs.FeaturesOf(x));
            var logS = new double[graph.NodeCount];
            for (int node = 0; node < graph.FirstClass; node++)
            {
                logS[node] = double.NegativeInfinity;
                if (!pathway.Fires(node))
                    continue;
                double logLambda = Math.Log(model.AmplificationFactors[node]);
                logS[node] = node < graph.FeatureCount ? logLambda : logLambda + LogSumExp(graph.DependentsOf(node).ToArray().Select(d => logS[d]));
            }
            var logZ = new double[graph.ClassCount];
            for (int j = 0; j < graph.ClassCount; j++)
            {
                int classNode = graph.FirstClass + j;
                int first = graph.FirstEdgeOf(classNode) - graph.ClassEdgeOffset;
                logZ[j] = LogSumExp(graph.DependentsOf(classNode).ToArray().Select((d, k) => Math.Log(model.ClassEdgeWeights[first + k]) + logS[d]));
            }
            int top = Array.IndexOf(logZ, logZ.Max());
            int label = inputs.LabelOf(x);
            correct += top == label ? 1 : 0;
            largest = Math.Max(largest, logZ[top]);
            // Z_j − Z_top = −Z_top (1 − exp(log Z_j − log Z_top)); loss = log Σ exp(Z_j − Z_top) − (Z_label − Z_top).
            double Gap(int j) => -Math.Exp(logZ[top]) * -double.ExpM1(logZ[j] - logZ[top]);
            loss += Math.Log(Enumerable.Range(0, graph.ClassCount).Sum(j => Math.Exp(Gap(j)))) - Gap(label);
        }
        return (loss / inputs.Count, (double)correct / inputs.Count, largest / Math.Log(10));
    }

    private static double LogSumExp(IEnumerable<double> values)
    {
        double[] v = values.ToArray();
        double max = v.Max();
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(v.Sum(x => Math.Exp(x - max)));
    }

    /// <summary>The declaration's trainer is a NeurashedExperiment closed over its generated rules; the test reads the model and inputs through it.</summary>
    private static (NeurashedModel, NeurashedInputs) Internals(object experiment)
    {
        const System.Reflection.BindingFlags Private = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        object training = experiment.GetType().GetField("_training", Private)!.GetValue(experiment)!;
        return ((NeurashedModel)experiment.GetType().GetProperty("Model")!.GetValue(experiment)!,
            (NeurashedInputs)training.GetType().GetProperty("Inputs")!.GetValue(training)!);
    }

    private static double Value(IReadOnlyList<Metric> row, string name) => row.Single(m => m.Name == name).Value;
}
