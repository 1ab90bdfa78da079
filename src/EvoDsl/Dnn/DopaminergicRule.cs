using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvoDsl.Dnn;

/// <summary>
/// The dopaminergic three-factor rule (SPEC §2, docs/dnn.md), applied after every example:
/// <code>
/// ΔW_ij = ε1 · pre_i · post_j · d · (4 − |z_j − ℓ(y)_j|²),   d = +1 if L ≤ ε0 (reward), −1 otherwise (punish)
/// </code>
/// pre_i is the hidden unit's activity h_i or its firing 1[h_i &gt; 0] (<typeparamref name="TPre"/>);
/// post_j says whether output j fired (<typeparamref name="TPost"/>: the winner, or every output with
/// |z_j − ℓ_j|² ≤ 1/4). Only links whose both ends fired change; the dopamine d is one number per
/// example, broadcast to every such link.
/// </summary>
public readonly struct DopaminergicRule<TPre, TPost>(float threshold, float rate) : IOutputLayerRule
    where TPre : struct, IPreSynapticSignal
    where TPost : struct, IPostSynapticFiring
{
    /// <summary>ε0.</summary>
    public float Threshold => threshold;

    /// <summary>ε1.</summary>
    public float Rate => rate;

    public int BatchSize => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Learn(OutputLayer layer, ReadOnlySpan<int> active, ReadOnlySpan<float> activity, in Prediction prediction)
    {
        Vector512<float> change = Change(prediction, layer.ClassLanes, threshold, rate);
        if (TPre.IsActivity)
            layer.Add(active, activity, change);
        else
            layer.Add(active, change); // the rows hold only units with h_i > 0, so each has pre_i = 1
    }

    /// <summary>The vector of post_j · d · ε1 · (4 − |z_j − ℓ_j|²) over outputs j, zero where j did not fire.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Change(in Prediction prediction, Vector512<float> classLanes, float threshold, float rate)
    {
        Vector512<float> error = prediction.Error;
        Vector512<float> squaredError = error * error;
        Vector512<float> fired = TPost.Fired(prediction, squaredError) & classLanes;
        float dopamine = prediction.Loss <= threshold ? rate : -rate;
        Vector512<float> change = Vector512.Create(dopamine) * (Vector512.Create(4f) - squaredError);
        return change & fired;
    }

    public void EndBatch(OutputLayer layer, int examples)
    {
    }

    public void WriteState(BinaryWriter writer)
    {
    }

    public void ReadState(BinaryReader reader)
    {
    }
}

/// <summary>The presynaptic factor pre_i of the dopaminergic rule.</summary>
public interface IPreSynapticSignal
{
    /// <summary>True: pre_i = h_i. False: pre_i = 1[h_i &gt; 0].</summary>
    static abstract bool IsActivity { get; }
}

/// <summary>pre_i = h_i.</summary>
public readonly struct ActivitySignal : IPreSynapticSignal
{
    public static bool IsActivity => true;
}

/// <summary>pre_i = 1[h_i &gt; 0].</summary>
public readonly struct FiringSignal : IPreSynapticSignal
{
    public static bool IsActivity => false;
}

/// <summary>Which outputs fired, as a lane mask (all bits set where output j fired).</summary>
public interface IPostSynapticFiring
{
    static abstract Vector512<float> Fired(in Prediction prediction, Vector512<float> squaredError);
}

/// <summary>Only the winning output (the prediction) fires.</summary>
public readonly struct WinnerFires : IPostSynapticFiring
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Fired(in Prediction prediction, Vector512<float> squaredError) =>
        Vector512.Equals(Vector512<int>.Indices, Vector512.Create(prediction.Winner)).AsSingle();
}

/// <summary>Every output with low error fires: |z_j − ℓ(y)_j|² ≤ 1/4, the paper's printed condition.</summary>
public readonly struct LowErrorFires : IPostSynapticFiring
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Fired(in Prediction prediction, Vector512<float> squaredError) =>
        Vector512.LessThanOrEqual(squaredError, Vector512.Create(0.25f));
}
