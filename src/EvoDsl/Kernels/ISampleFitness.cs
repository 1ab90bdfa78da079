using System.Runtime.Intrinsics;

namespace EvoDsl.Kernels;

/// <summary>
/// A per-sample reward from the network's output logits, chosen at compile time as a struct type
/// argument so the JIT inlines it into the evaluation loop.
/// </summary>
public interface ISampleFitness
{
    static abstract float Evaluate(ReadOnlySpan<float> logits, int label);

    /// <summary>
    /// The reward of 16 genotypes at once: <paramref name="logits"/>[k] holds logit k of every lane.
    /// A scalar-only fitness implements it with <see cref="LaneByLane.Evaluate{TFitness}"/>.
    /// </summary>
    static abstract Vector512<float> EvaluateLanes(ReadOnlySpan<Vector512<float>> logits, int label);
}

/// <summary>Evaluates a scalar fitness for each of 16 lanes in turn.</summary>
public static class LaneByLane
{
    public static Vector512<float> Evaluate<TFitness>(ReadOnlySpan<Vector512<float>> logits, int label)
        where TFitness : ISampleFitness
    {
        Span<float> laneLogits = stackalloc float[logits.Length];
        Span<float> rewards = stackalloc float[Vector512<float>.Count];
        for (int lane = 0; lane < rewards.Length; lane++)
        {
            for (int k = 0; k < logits.Length; k++)
                laneLogits[k] = logits[k][lane];
            rewards[lane] = TFitness.Evaluate(laneLogits, label);
        }
        return Vector512.Create<float>(rewards);
    }
}

/// <summary>
/// The paper's reward relative to a random guess: max{0, α² − L²} with L the cross-entropy loss and
/// α = ln K the loss of the uniform prediction (paper 003, §3.1).
/// </summary>
public readonly struct MarginOverChanceFitness : ISampleFitness
{
    public static float Evaluate(ReadOnlySpan<float> logits, int label)
    {
        float alpha = MathF.Log(logits.Length);
        float loss = CrossEntropy.FromLogits(logits, label);
        return MathF.Max(0f, alpha * alpha - loss * loss);
    }

    public static Vector512<float> EvaluateLanes(ReadOnlySpan<Vector512<float>> logits, int label)
    {
        float alpha = MathF.Log(logits.Length);
        Vector512<float> max = logits[0];
        for (int k = 1; k < logits.Length; k++)
            max = Vector512.Max(max, logits[k]);
        Vector512<float> sum = Vector512<float>.Zero;
        for (int k = 0; k < logits.Length; k++)
            sum += Vector512.Exp(logits[k] - max);
        Vector512<float> loss = max + Vector512.Log(sum) - logits[label];
        return Vector512.Max(Vector512<float>.Zero, Vector512.Create(alpha * alpha) - loss * loss);
    }
}
