using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvoDsl.Nne;

/// <summary>
/// The NNE network's forward pass for one genotype and one sample: sparse input → ReLU hidden → logits.
/// The plain scalar form: the reference the population evaluation (<see cref="NneBlockEvaluation"/>)
/// is tested against, and the path test-set accuracy uses.
/// </summary>
public static class NneForward
{
    /// <summary>
    /// Writes the K logits for one sparse input row. <paramref name="weights"/> is W·x in link order
    /// (first-layer edges grouped by input, then the output block row-major).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Logits<TSizes>(NneNetwork network, ReadOnlySpan<float> weights,
        ReadOnlySpan<int> inputColumns, ReadOnlySpan<float> inputValues, Span<float> hidden, Span<float> logits)
        where TSizes : INneSizes
    {
        HiddenActivations(network, weights, inputColumns, inputValues, hidden[..TSizes.Hidden]);

        ReadOnlySpan<float> outputWeights = weights.Slice(network.FirstLayerLinks, TSizes.Classes * TSizes.Hidden);
        for (int k = 0; k < TSizes.Classes; k++)
            logits[k] = TensorPrimitives.Dot(outputWeights.Slice(k * TSizes.Hidden, TSizes.Hidden), hidden[..TSizes.Hidden]);
    }

    /// <summary>
    /// The hidden layer alone, ReLU of the sparse first layer, into <paramref name="hidden"/> (network.Hidden
    /// values); NNE + SignSGD keeps these fixed while its output layer trains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HiddenActivations(NneNetwork network, ReadOnlySpan<float> weights,
        ReadOnlySpan<int> inputColumns, ReadOnlySpan<float> inputValues, Span<float> hidden)
    {
        hidden = hidden[..network.Hidden];
        hidden.Clear();
        ref float h = ref MemoryMarshal.GetReference(hidden);
        ref int edgeStart = ref MemoryMarshal.GetArrayDataReference(network.EdgeStart);
        ref int edgeTarget = ref MemoryMarshal.GetArrayDataReference(network.EdgeTarget);
        ref float w = ref MemoryMarshal.GetReference(weights);

        // Scatter each nonzero pixel along its ~10% of edges: only present pixels cost anything.
        int inputs = network.Inputs;
        for (int tile = 0; tile < network.Tiles; tile++)
        {
            int tileStart = tile * inputs;
            for (int t = 0; t < inputColumns.Length; t++)
            {
                int input = tileStart + inputColumns[t];
                float value = inputValues[t];
                int end = Unsafe.Add(ref edgeStart, input + 1);
                for (int e = Unsafe.Add(ref edgeStart, input); e < end; e++)
                    Unsafe.Add(ref h, Unsafe.Add(ref edgeTarget, e)) += value * Unsafe.Add(ref w, e);
            }
        }

        TensorPrimitives.Max(hidden, 0f, hidden); // ReLU
    }
}
