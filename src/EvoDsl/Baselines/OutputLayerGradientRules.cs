using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EvoDsl.Dnn;
using EvoDsl.Kernels;

namespace EvoDsl.Baselines;

/// <summary>
/// SignSGD on the output layer (paper eq. 5): W_ij ← W_ij − η·sign(Σ_batch (z_j − ℓ(y)_j)·h_i).
/// Rows no example of the batch touched have gradient 0, and sign(0) = 0 leaves them alone.
/// </summary>
public readonly struct SignSgdRule(int hidden, float learningRate, int batchSize) : IOutputLayerRule
{
    private readonly OutputGradient _gradient = new(hidden);

    public int BatchSize => batchSize;

    public float LearningRate => learningRate;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Learn(OutputLayer layer, ReadOnlySpan<int> active, ReadOnlySpan<float> activity, in Prediction prediction) =>
        _gradient.Add(active, activity, prediction.Error);

    public void EndBatch(OutputLayer layer, int examples) => _gradient.Descend<SignOfGradient>(layer, learningRate);

    /// <summary>sign(x) ∈ {−1, 0, 1} per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sign(Vector512<float> x) =>
        (Vector512.GreaterThan(x, Vector512<float>.Zero) & Vector512<float>.One) - (Vector512.LessThan(x, Vector512<float>.Zero) & Vector512<float>.One);

    /// <summary>Eq. 5 steps by the gradient's sign.</summary>
    private readonly struct SignOfGradient : IDescentDirection
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Of(Vector512<float> gradient) => Sign(gradient);
    }

    public void WriteState(BinaryWriter writer)
    {
    }

    public void ReadState(BinaryReader reader)
    {
    }
}

/// <summary>Adam on the output layer, the gradient of the batch's mean cross-entropy (PyTorch's default reduction).</summary>
public sealed class AdamRuleState(int hidden)
{
    public readonly OutputGradient Gradient = new(hidden);
    public readonly AlignedVectors FirstMoment = new(hidden);
    public readonly AlignedVectors SecondMoment = new(hidden);
    public long Steps;
}

/// <summary>Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8) on the mean mini-batch gradient; every weight moves every step, as in PyTorch.</summary>
public readonly struct AdamRule(int hidden, float learningRate, int batchSize) : IOutputLayerRule
{
    private readonly AdamRuleState _state = new(hidden);

    public int BatchSize => batchSize;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Learn(OutputLayer layer, ReadOnlySpan<int> active, ReadOnlySpan<float> activity, in Prediction prediction) =>
        _state.Gradient.Add(active, activity, prediction.Error);

    public void EndBatch(OutputLayer layer, int examples)
    {
        Adam.Step(layer.Values, _state.FirstMoment.Floats, _state.SecondMoment.Floats, _state.Gradient.SumValues,
            1f / examples, learningRate, ++_state.Steps);
        _state.Gradient.Clear();
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_state.Steps);
        BinaryState.Write(writer, _state.FirstMoment.Floats);
        BinaryState.Write(writer, _state.SecondMoment.Floats);
    }

    public void ReadState(BinaryReader reader)
    {
        _state.Steps = reader.ReadInt64();
        BinaryState.Read(reader, _state.FirstMoment.Floats, "Adam first moments");
        BinaryState.Read(reader, _state.SecondMoment.Floats, "Adam second moments");
    }
}

/// <summary>Plain SGD on the mean mini-batch gradient: W ← W − η·(1/B)·Σ_batch ∇.</summary>
public readonly struct PlainSgdRule(int hidden, float learningRate, int batchSize) : IOutputLayerRule
{
    private readonly OutputGradient _gradient = new(hidden);

    public int BatchSize => batchSize;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Learn(OutputLayer layer, ReadOnlySpan<int> active, ReadOnlySpan<float> activity, in Prediction prediction) =>
        _gradient.Add(active, activity, prediction.Error);

    public void EndBatch(OutputLayer layer, int examples) => _gradient.Descend<Gradient>(layer, learningRate / examples);

    /// <summary>Plain SGD steps along the gradient itself.</summary>
    private readonly struct Gradient : IDescentDirection
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Of(Vector512<float> gradient) => gradient;
    }

    public void WriteState(BinaryWriter writer)
    {
    }

    public void ReadState(BinaryReader reader)
    {
    }
}
