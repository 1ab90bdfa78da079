using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EvoDsl.Kernels;

/// <summary>
/// Adam (Kingma and Ba 2015) as PyTorch computes it: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
/// w ← w − (η / (1−β1^t))·m / (sqrt(v)/sqrt(1−β2^t) + ε).
/// </summary>
public static class Adam
{
    public const float Beta1 = 0.9f;
    public const float Beta2 = 0.999f;
    public const float Epsilon = 1e-8f;

    /// <summary>One step t (from 1) for the gradient <paramref name="gradientScale"/>·<paramref name="gradient"/>.</summary>
    public static void Step(Span<float> weights, Span<float> firstMoment, Span<float> secondMoment, ReadOnlySpan<float> gradient,
        float gradientScale, float learningRate, long step)
    {
        int n = weights.Length;
        if (firstMoment.Length != n || secondMoment.Length != n || gradient.Length != n)
            throw new ArgumentException("weights, moments and gradient must have the same length");
        float stepSize = (float)(learningRate / (1 - Math.Pow(Beta1, step)));
        float correction = (float)(1 / Math.Sqrt(1 - Math.Pow(Beta2, step)));
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref float w = ref MemoryMarshal.GetReference(weights);
            ref float m = ref MemoryMarshal.GetReference(firstMoment);
            ref float v = ref MemoryMarshal.GetReference(secondMoment);
            ref float g = ref MemoryMarshal.GetReference(gradient);
            var scale = Vector512.Create(gradientScale);
            var beta1 = Vector512.Create(Beta1);
            var beta2 = Vector512.Create(Beta2);
            var oneMinusBeta1 = Vector512.Create(1 - Beta1);
            var oneMinusBeta2 = Vector512.Create(1 - Beta2);
            var size = Vector512.Create(stepSize);
            var correct = Vector512.Create(correction);
            var epsilon = Vector512.Create(Epsilon);
            for (; i + 16 <= n; i += 16)
            {
                Vector512<float> gi = Vector512.LoadUnsafe(ref g, (nuint)i) * scale;
                Vector512<float> mi = beta1 * Vector512.LoadUnsafe(ref m, (nuint)i) + oneMinusBeta1 * gi;
                Vector512<float> vi = beta2 * Vector512.LoadUnsafe(ref v, (nuint)i) + oneMinusBeta2 * gi * gi;
                mi.StoreUnsafe(ref m, (nuint)i);
                vi.StoreUnsafe(ref v, (nuint)i);
                Vector512<float> update = size * mi / (Vector512.Sqrt(vi) * correct + epsilon);
                (Vector512.LoadUnsafe(ref w, (nuint)i) - update).StoreUnsafe(ref w, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float gi = gradient[i] * gradientScale;
            float mi = Beta1 * firstMoment[i] + (1 - Beta1) * gi;
            float vi = Beta2 * secondMoment[i] + (1 - Beta2) * gi * gi;
            firstMoment[i] = mi;
            secondMoment[i] = vi;
            weights[i] -= stepSize * mi / (MathF.Sqrt(vi) * correction + Epsilon);
        }
    }
}
