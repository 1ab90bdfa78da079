using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvoDsl.Dnn;

/// <summary>
/// The dopaminergic three-factor rule (SPEC §2; docs/dnn.md shows why this reading), applied after every example:
/// <code>
/// c_j   = ε1 · post_j · (4 − |z_j − ℓ(y)_j|²) · (R − z_j),   R = 1 if L ≤ ε0 (reward), 0 otherwise (punish)
/// ΔW_ij = pre_i · (c_j − (1/K) Σ_k c_k)
/// </code>
/// pre_i is the hidden unit's activity h_i or its firing 1[h_i &gt; 0] (<typeparamref name="TPre"/>);
/// post_j says whether output j fired (<typeparamref name="TPost"/>: every output with
/// |z_j − ℓ_j|² ≤ 1/4, the paper's printed condition, or only the winner). The dopamine R − z_j is
/// the reward minus the reward output j predicted (its softmax z_j): positive exactly when L ≤ ε0,
/// negative otherwise, and small when the outcome was expected. A plain ±1 dopamine makes every
/// correct example strengthen its already-winning output without end, and the test accuracy
/// stalls at 46% (winner) or 10% (low error) on MNIST; the prediction error stops that. The
/// centring (subtracting the mean change) changes no prediction; see <see cref="Change"/>.
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
        Vector512<float> change = Change(prediction, layer.ClassLanes, layer.Classes, threshold, rate);
        if (TPre.IsActivity)
            layer.Add(active, activity, change);
        else
            layer.Add(active, change); // the rows hold only units with h_i > 0, so each has pre_i = 1
    }

    /// <summary>
    /// c_j = ε1 · post_j · (4 − |z_j − ℓ_j|²) · (R − z_j) over outputs j, less its mean over the K outputs.
    /// Adding one amount to all K weights out of a hidden unit shifts every logit equally, which no
    /// softmax, loss or later update can see; without the centring, rewards add such a common part
    /// to every fired row, the weights drift into the thousands and float32 rounds the updates away
    /// (MNIST test accuracy fell from 94% to 85% between epochs 400 and 500).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Change(in Prediction prediction, Vector512<float> classLanes, int classes, float threshold, float rate)
    {
        Vector512<float> error = prediction.Error;
        Vector512<float> squaredError = error * error;
        Vector512<float> fired = TPost.Fired(prediction, squaredError) & classLanes;
        var reward = Vector512.Create(prediction.Loss <= threshold ? 1f : 0f);
        Vector512<float> dopamine = reward - prediction.Softmax; // reward-prediction error: > 0 iff L ≤ ε0
        Vector512<float> change = (Vector512.Create(rate) * (Vector512.Create(4f) - squaredError) * dopamine) & fired;
        return (change - Vector512.Create(Vector512.Sum(change) / classes)) & classLanes;
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

/// <summary>Every output with low error fires: |z_j − ℓ(y)_j|² ≤ 1/4, the paper's printed condition (the default).</summary>
public readonly struct LowErrorFires : IPostSynapticFiring
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Fired(in Prediction prediction, Vector512<float> squaredError) =>
        Vector512.LessThanOrEqual(squaredError, Vector512.Create(0.25f));
}
