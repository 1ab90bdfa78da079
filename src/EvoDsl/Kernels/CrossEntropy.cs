using System.Numerics.Tensors;

namespace EvoDsl.Kernels;

/// <summary>Cross-entropy of a softmax output, computed from logits without overflow.</summary>
public static class CrossEntropy
{
    /// <summary>L = log Σ_k exp(z_k) − z_label.</summary>
    public static float FromLogits(ReadOnlySpan<float> logits, int label)
    {
        float max = TensorPrimitives.Max(logits);
        float sum = 0f;
        foreach (float z in logits)
            sum += MathF.Exp(z - max);
        return max + MathF.Log(sum) - logits[label];
    }
}
