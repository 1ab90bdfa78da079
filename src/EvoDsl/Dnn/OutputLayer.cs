using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvoDsl.Kernels;

namespace EvoDsl.Dnn;

/// <summary>
/// The trained hidden→output weights W (h × K, K ≤ 16), one <see cref="Vector512{T}"/> per hidden unit
/// holding its K outgoing weights (lanes ≥ K stay 0). A sparse activation row then costs one FMA per
/// active unit for the forward pass (z += h_i·W_i) and one for an update (W_i += a_i·g).
/// </summary>
public sealed class OutputLayer
{
    public const int MaxClasses = 16;

    private readonly AlignedVectors _weights;

    public OutputLayer(int hidden, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        if (classes is < 2 or > MaxClasses)
            throw new EvoDslException($"the output layer has {classes} classes; the DNN and its baselines support 2 to {MaxClasses} (one 512-bit vector per hidden unit)");
        Hidden = hidden;
        Classes = classes;
        _weights = new AlignedVectors(hidden);
        ClassLanes = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(classes)).AsSingle();
    }

    public int Hidden { get; }
    public int Classes { get; }

    /// <summary>All bits set in lanes 0..K−1, zero in the padding lanes.</summary>
    public Vector512<float> ClassLanes { get; }

    /// <summary>W_i for every hidden unit i.</summary>
    public Span<Vector512<float>> Rows => _weights.Span;

    /// <summary>The h·16 floats behind <see cref="Rows"/>; W[i, j] = Values[i·16 + j].</summary>
    public Span<float> Values => MemoryMarshal.Cast<Vector512<float>, float>(_weights.Span);

    /// <summary>W ~ U(−b, b) in lanes 0..K−1 with b = 1/sqrt(h), PyTorch's nn.Linear default.</summary>
    public void InitialiseUniform(ulong seed)
    {
        var random = new SplitMix64(Streams.Key(seed, Streams.OutputLayerInit));
        float bound = 1f / MathF.Sqrt(Hidden);
        Span<float> values = Values;
        values.Clear();
        for (int i = 0; i < Hidden; i++)
            for (int j = 0; j < Classes; j++)
                values[i * MaxClasses + j] = bound * (2f * random.NextFloat() - 1f);
    }

    /// <summary>z = Σ_i h_i·W_i over the active units; four accumulators hide the FMA latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Logits(ReadOnlySpan<int> active, ReadOnlySpan<float> activity)
    {
        ref Vector512<float> w = ref MemoryMarshal.GetReference(Rows);
        ref int index = ref MemoryMarshal.GetReference(active);
        ref float value = ref MemoryMarshal.GetReference(activity);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int n = active.Length;
        int t = 0;
        for (; t + 4 <= n; t += 4)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, t)), Unsafe.Add(ref w, Unsafe.Add(ref index, t)), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, t + 1)), Unsafe.Add(ref w, Unsafe.Add(ref index, t + 1)), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, t + 2)), Unsafe.Add(ref w, Unsafe.Add(ref index, t + 2)), a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, t + 3)), Unsafe.Add(ref w, Unsafe.Add(ref index, t + 3)), a3);
        }
        for (; t < n; t++)
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref value, t)), Unsafe.Add(ref w, Unsafe.Add(ref index, t)), a0);
        return (a0 + a1) + (a2 + a3);
    }

    /// <summary>W_i += a_i·g for every active unit i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<int> active, ReadOnlySpan<float> scale, Vector512<float> direction)
    {
        ref Vector512<float> w = ref MemoryMarshal.GetReference(Rows);
        for (int t = 0; t < active.Length; t++)
        {
            ref Vector512<float> row = ref Unsafe.Add(ref w, active[t]);
            row = Vector512.FusedMultiplyAdd(Vector512.Create(scale[t]), direction, row);
        }
    }

    /// <summary>W_i += g for every active unit i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<int> active, Vector512<float> direction)
    {
        ref Vector512<float> w = ref MemoryMarshal.GetReference(Rows);
        for (int t = 0; t < active.Length; t++)
            Unsafe.Add(ref w, active[t]) += direction;
    }

    public void WriteState(BinaryWriter writer) => BinaryState.Write(writer, Values);

    public void ReadState(BinaryReader reader) => BinaryState.Read(reader, Values, "output-layer weights");
}

/// <summary>
/// What the output layer made of one example: softmax z, the one-hot target ℓ(y), the
/// cross-entropy L and the winning output, all lanes ≥ K zero.
/// </summary>
public readonly struct Prediction
{
    public Prediction(Vector512<float> logits, int label, Vector512<float> classLanes)
    {
        // Padding lanes at −∞ drop out of the max and of Σ exp.
        Vector512<float> masked = Vector512.ConditionalSelect(classLanes, logits, Vector512.Create(float.NegativeInfinity));
        float max = Lanes.Max(masked);
        Vector512<float> exp = Vector512.Exp(masked - Vector512.Create(max));
        float sum = Vector512.Sum(exp);
        Softmax = exp / Vector512.Create(sum);
        Target = Vector512.ConditionalSelect(Vector512.Equals(Vector512<int>.Indices, Vector512.Create(label)).AsSingle(), Vector512<float>.One, Vector512<float>.Zero);
        Loss = MathF.Log(sum) - (logits.GetElement(label) - max);
        Winner = System.Numerics.BitOperations.TrailingZeroCount(Vector512.Equals(masked, Vector512.Create(max)).ExtractMostSignificantBits());
        Label = label;
    }

    /// <summary>z = softmax of the logits.</summary>
    public Vector512<float> Softmax { get; }

    /// <summary>ℓ(y): 1 in the label's lane.</summary>
    public Vector512<float> Target { get; }

    /// <summary>L = −log z_label.</summary>
    public float Loss { get; }

    /// <summary>The output with the largest logit (the first, on ties): the prediction.</summary>
    public int Winner { get; }

    public int Label { get; }

    /// <summary>z − ℓ(y): the cross-entropy gradient with respect to the logits.</summary>
    public Vector512<float> Error => Softmax - Target;

    public bool Correct => Winner == Label;
}

/// <summary>Horizontal reductions over the 16 lanes of a vector.</summary>
internal static class Lanes
{
    public static float Max(Vector512<float> v)
    {
        Vector256<float> half = Vector256.Max(v.GetLower(), v.GetUpper());
        Vector128<float> quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        return MathF.Max(MathF.Max(quarter.GetElement(0), quarter.GetElement(1)), MathF.Max(quarter.GetElement(2), quarter.GetElement(3)));
    }
}
