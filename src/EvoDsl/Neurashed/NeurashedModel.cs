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

    /// <summary>p_j(x) = softmax(Z)_j.</summary>
    public void Probabilities(ReadOnlySpan<int> features, Span<double> probabilities)
    {
        Logits(features, probabilities);
        Softmax(probabilities);
    }

    /// <summary>The scores S_F of one level (1-based; the last level gives the logits) for an input.</summary>
    public void ScoresOn(ReadOnlySpan<int> features, int level, Span<double> scores)
    {
        _pathway.Evaluate(features, _lambda, _eta, _logits);
        _pathway.ScoresOn(level, scores);
    }

    /// <summary>In place, with the maximum subtracted first so that large logits do not overflow.</summary>
    public static void Softmax(Span<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
            max = Math.Max(max, v);
        double sum = 0;
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = Math.Exp(values[j] - max);
            sum += values[j];
        }
        for (int j = 0; j < values.Length; j++)
            values[j] /= sum;
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
