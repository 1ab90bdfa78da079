using EvoDsl.Kernels;
namespace EvoDsl.Neurashed;

/// <summary>
/// A neurashed's learnable state on a fixed graph: an amplification factor λ_F ≥ 0 per node below
/// the last level and a weight η per edge into the last level (paper 002, §2), with the evaluation
/// that turns an input into scores, logits (eq. 2.1) and class probabilities.
/// </summary>
public sealed class NeurashedModel
{
    private readonly double[] _lambda;
    private readonly double[] _eta;
    private readonly FeaturePathway _pathway;
    private readonly double[] _logits; // scratch for ScoresOn

    public NeurashedModel(NeurashedGraph graph, InitialValues lambda, InitialValues eta, ulong seed)
    {
        Graph = graph;
        _lambda = new double[graph.AmplifiedCount];
        _eta = new double[graph.ClassEdgeCount];
        lambda.Fill(_lambda, seed, Streams.InitialAmplification);
        eta.Fill(_eta, seed, Streams.InitialClassEdgeWeights);
        _pathway = new FeaturePathway(graph);
        _logits = new double[graph.ClassCount];
    }

    public NeurashedGraph Graph { get; }

    /// <summary>λ_F for nodes 0..AmplifiedCount−1 (every node below the last level).</summary>
    public Span<double> AmplificationFactors => _lambda;

    /// <summary>η per class edge; entry e − ClassEdgeOffset for edge e.</summary>
    public Span<double> ClassEdgeWeights => _eta;

    /// <summary>The evaluator holding the last evaluated input's pathway and scores.</summary>
    public FeaturePathway Pathway => _pathway;

    /// <summary>Z_j for an input whose firing level-1 nodes are <paramref name="features"/>.</summary>
    public void Logits(ReadOnlySpan<int> features, Span<double> logits) => _pathway.Evaluate(features, _lambda, _eta, logits);

    /// <summary>
    /// Z_j / 2^e for an input, returning e: the logits without overflow while λ and η are finite (see
    /// <see cref="FeaturePathway.EvaluateScaled"/>). The argmax of the scaled logits is the argmax of Z.
    /// </summary>
    public int ScaledLogits(ReadOnlySpan<int> features, Span<double> scaledLogits) => _pathway.EvaluateScaled(features, _lambda, _eta, scaledLogits);

    /// <summary>p_j(x) = softmax(Z)_j, from the scaled logits: never NaN while λ and η are finite.</summary>
    public void Probabilities(ReadOnlySpan<int> features, Span<double> probabilities)
    {
        int exponent = ScaledLogits(features, probabilities);
        Softmax(probabilities, exponent);
    }

    /// <summary>The scores S_F of one level (1-based; the last level gives the logits) for an input; ∞ beyond the range of double.</summary>
    public void ScoresOn(ReadOnlySpan<int> features, int level, Span<double> scores)
    {
        _pathway.Evaluate(features, _lambda, _eta, _logits);
        _pathway.ScoresOn(level, scores);
    }

    /// <summary>The scores of one level divided by 2^e, returning e (finite while λ and η are).</summary>
    public int ScaledScoresOn(ReadOnlySpan<int> features, int level, Span<double> scores)
    {
        _pathway.EvaluateScaled(features, _lambda, _eta, _logits);
        return _pathway.ScaledScoresOn(level, scores);
    }

    /// <summary>In place, with the maximum subtracted first so that large logits do not overflow.</summary>
    public static void Softmax(Span<double> values) => Softmax(values, 0);

    /// <summary>
    /// In place: the softmax of Z = values · 2^<paramref name="exponent"/>. The maximum is subtracted in the
    /// scaled units and the differences scaled back, so Z beyond the range of double is no problem: a
    /// difference beyond it gives probability 0.
    /// </summary>
    public static void Softmax(Span<double> values, int exponent)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
            max = Math.Max(max, v);
        double sum = 0;
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = Math.Exp(Math.ScaleB(values[j] - max, exponent));
            sum += values[j];
        }
        for (int j = 0; j < values.Length; j++)
            values[j] /= sum;
    }

    /// <summary>
    /// −log p_label for Z = scaledLogits · 2^<paramref name="exponent"/>, by log-sum-exp with the maximum
    /// subtracted: log Σ_j exp(Z_j − Z_max) − (Z_label − Z_max). No clamp: it is the exact cross-entropy,
    /// however large; +∞ only when Z_max − Z_label itself exceeds the largest double (≈ 1.8e308).
    /// </summary>
    public static double CrossEntropy(ReadOnlySpan<double> scaledLogits, int exponent, int label)
    {
        double max = double.NegativeInfinity;
        foreach (double v in scaledLogits)
            max = Math.Max(max, v);
        double sum = 0;
        foreach (double v in scaledLogits)
            sum += Math.Exp(Math.ScaleB(v - max, exponent));
        return Math.Log(sum) - Math.ScaleB(scaledLogits[label] - max, exponent);
    }

    /// <summary>The first λ (node) or η (class edge) that is not finite, if any: the model has diverged.</summary>
    public bool TryFindNonFinite(out bool isLambda, out int index)
    {
        for (int i = 0; i < _lambda.Length; i++)
            if (!double.IsFinite(_lambda[i]))
            {
                (isLambda, index) = (true, i);
                return true;
            }
        for (int i = 0; i < _eta.Length; i++)
            if (!double.IsFinite(_eta[i]))
            {
                (isLambda, index) = (false, i);
                return true;
            }
        (isLambda, index) = (false, -1);
        return false;
    }

    /// <summary>Copies λ and η from a model on the same graph (to measure from one state several times).</summary>
    public void CopyStateFrom(NeurashedModel other)
    {
        if (other.Graph != Graph)
            throw new ArgumentException("the models must share one graph", nameof(other));
        other._lambda.CopyTo(_lambda, 0);
        other._eta.CopyTo(_eta, 0);
    }
}
