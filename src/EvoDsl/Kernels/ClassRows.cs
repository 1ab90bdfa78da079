using System.Numerics.Tensors;

namespace EvoDsl.Kernels;

/// <summary>What class-major outputs (one row of a batch per class) score: softmax cross-entropy and accuracy (WANN and GP use them).</summary>
public static class ClassRows
{
    /// <summary>
    /// The mean over the batch of −log softmax(outputs)[label], from the output rows (Outputs × batch).
    /// Computed stably as logsumexp − the label's output, so it stays finite where the reference's log of an
    /// underflowed probability gives −∞ (docs/wann.md, "EvoDsl's choices"); NaN or ∞ outputs give +∞.
    /// <paramref name="scratch"/> needs 3 × batch values.
    /// </summary>
    public static double MeanCrossEntropy(ReadOnlySpan<float> outputs, int classes, ReadOnlySpan<int> labels, Span<float> scratch)
    {
        int batch = labels.Length;
        Span<float> max = scratch[..batch], sum = scratch.Slice(batch, batch), shifted = scratch.Slice(2 * batch, batch);
        outputs[..batch].CopyTo(max);
        for (int k = 1; k < classes; k++)
            TensorPrimitives.Max(max, outputs.Slice(k * batch, batch), max);
        sum.Clear();
        for (int k = 0; k < classes; k++)
        {
            TensorPrimitives.Subtract(outputs.Slice(k * batch, batch), max, shifted);
            TensorPrimitives.Exp(shifted, shifted);
            TensorPrimitives.Add(sum, shifted, sum);
        }
        double total = 0;
        for (int i = 0; i < batch; i++)
            total += max[i] + Math.Log(sum[i]) - outputs[labels[i] * batch + i];
        double mean = total / batch;
        return double.IsNaN(mean) ? double.PositiveInfinity : mean;
    }

    /// <summary>How many samples' largest output (the first of equal ones) is their label.</summary>
    public static int Correct(ReadOnlySpan<float> outputs, int classes, ReadOnlySpan<int> labels)
    {
        int batch = labels.Length, correct = 0;
        for (int i = 0; i < batch; i++)
        {
            int best = 0;
            for (int k = 1; k < classes; k++)
                if (outputs[k * batch + i] > outputs[best * batch + i])
                    best = k;
            if (best == labels[i])
                correct++;
        }
        return correct;
    }
}
