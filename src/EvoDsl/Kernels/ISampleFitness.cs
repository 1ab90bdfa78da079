namespace EvoDsl.Kernels;

/// <summary>
/// A per-sample reward from the network's output logits, chosen at compile time as a struct type
/// argument so the JIT inlines it into the evaluation loop.
/// </summary>
public interface ISampleFitness
{
    static abstract float Evaluate(ReadOnlySpan<float> logits, int label);
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
}
