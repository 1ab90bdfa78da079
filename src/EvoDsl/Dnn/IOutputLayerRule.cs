using System.Runtime.Intrinsics;

namespace EvoDsl.Dnn;

/// <summary>
/// How an output layer learns from its examples. A struct passed as the type argument of
/// <see cref="OutputLayerTraining{TRule}"/>, so the JIT compiles one epoch loop per rule with the
/// rule's calls inlined. <see cref="Learn"/> sees every example after the forward pass;
/// <see cref="EndBatch"/> follows every <see cref="BatchSize"/> examples (a mini-batch rule applies its
/// accumulated gradient there; the per-example DNN rule has nothing left to do).
/// </summary>
public interface IOutputLayerRule
{
    /// <summary>Examples per update (1: the weights change after every example).</summary>
    int BatchSize { get; }

    void Learn(OutputLayer layer, ReadOnlySpan<int> active, ReadOnlySpan<float> activity, in Prediction prediction);

    void EndBatch(OutputLayer layer, int examples);

    /// <summary>The rule's own state (optimizer moments, step count), for checkpoints.</summary>
    void WriteState(BinaryWriter writer);

    void ReadState(BinaryReader reader);
}

/// <summary>
/// The summed gradient of the mean cross-entropy over a mini-batch, ∂/∂W_i = Σ_batch h_i·(z − ℓ(y)),
/// and which rows it touched: a k-capped layer of 100,000 units touches a few thousand rows per batch.
/// </summary>
public sealed class OutputGradient
{
    private readonly EvoDsl.Kernels.AlignedVectors _sum;
    private readonly int[] _touched;
    private readonly bool[] _isTouched;

    public OutputGradient(int hidden)
    {
        _sum = new EvoDsl.Kernels.AlignedVectors(hidden);
        _touched = new int[hidden];
        _isTouched = new bool[hidden];
    }

    /// <summary>Σ_batch h_i·(z − ℓ) per hidden unit; rows not in <see cref="Touched"/> are 0.</summary>
    public Span<Vector512<float>> Sum => _sum.Span;

    public Span<float> SumValues => System.Runtime.InteropServices.MemoryMarshal.Cast<Vector512<float>, float>(_sum.Span);

    /// <summary>Rows with a nonzero contribution since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, TouchedCount);

    public int TouchedCount { get; private set; }

    public void Add(ReadOnlySpan<int> active, ReadOnlySpan<float> activity, Vector512<float> error)
    {
        Span<Vector512<float>> sum = _sum.Span;
        for (int t = 0; t < active.Length; t++)
        {
            int i = active[t];
            if (!_isTouched[i])
            {
                _isTouched[i] = true;
                _touched[TouchedCount++] = i;
            }
            sum[i] = Vector512.FusedMultiplyAdd(Vector512.Create(activity[t]), error, sum[i]);
        }
    }

    /// <summary>
    /// W_i ← W_i − rate·<typeparamref name="TDirection"/>(Σ_i) on the rows the batch touched (an untouched row's
    /// gradient is 0 and moves nothing), then <see cref="Clear"/>: the mini-batch step of SignSGD and plain SGD.
    /// </summary>
    public void Descend<TDirection>(OutputLayer layer, float rate)
        where TDirection : struct, IDescentDirection
    {
        Span<Vector512<float>> weights = layer.Rows;
        Span<Vector512<float>> sum = _sum.Span;
        var step = Vector512.Create(rate);
        foreach (int i in Touched)
            weights[i] -= step * TDirection.Of(sum[i]);
        Clear();
    }

    /// <summary>Zeroes the touched rows only.</summary>
    public void Clear()
    {
        Span<Vector512<float>> sum = _sum.Span;
        foreach (int i in Touched)
        {
            sum[i] = Vector512<float>.Zero;
            _isTouched[i] = false;
        }
        TouchedCount = 0;
    }
}

/// <summary>Which way a gradient step goes for a row's summed gradient: the gradient itself, or its sign.</summary>
public interface IDescentDirection
{
    static abstract Vector512<float> Of(Vector512<float> gradient);
}
