using System.Runtime.Intrinsics;
using EvoDsl.Dnn;
using Xunit;

namespace EvoDsl.Tests.Dnn;

public sealed class DopaminergicRuleTests
{
    private static readonly int[] Active = [0, 2, 4];
    private static readonly float[] Activity = [0.5f, 1.0f, 2.0f];
    private static readonly float[] RowWeights = [0.8f, 0.1f, -0.2f];
    private const float Threshold = 0.75f;
    private const float Rate = 0.05f;

    private static OutputLayer Layer()
    {
        var layer = new OutputLayer(5, 3);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 3; j++)
                layer.Values[i * 16 + j] = i % 2 == 0 ? RowWeights[j] : 7f; // rows 1, 3 are inactive
        return layer;
    }

    private static void Apply<TPre, TPost>(OutputLayer layer, int label)
        where TPre : struct, IPreSynapticSignal where TPost : struct, IPostSynapticFiring
    {
        var rule = new DopaminergicRule<TPre, TPost>(Threshold, Rate);
        var prediction = new Prediction(layer.Logits(Active, Activity), label, layer.ClassLanes);
        rule.Learn(layer, Active, Activity, prediction);
        rule.EndBatch(layer, 1);
    }

    /// <summary>
    /// Label 0: z ≈ (0.90, 0.08, 0.02), L ≈ 0.11 ≤ ε0, reward. Label 2: L ≈ 3.7 &gt; ε0, punish.
    /// The hand computation in double: c_j = ε1·post_j·(4 − (z_j − ℓ_j)²)·(R − z_j), ΔW_ij = pre_i·(c_j − mean c).
    /// </summary>
    [Theory]
    [InlineData(0, PreSynapticSignal.Activity, PostSynapticFiring.LowError)]
    [InlineData(0, PreSynapticSignal.Activity, PostSynapticFiring.Winner)]
    [InlineData(0, PreSynapticSignal.Binary, PostSynapticFiring.LowError)]
    [InlineData(0, PreSynapticSignal.Binary, PostSynapticFiring.Winner)]
    [InlineData(2, PreSynapticSignal.Activity, PostSynapticFiring.LowError)]
    [InlineData(2, PreSynapticSignal.Activity, PostSynapticFiring.Winner)]
    [InlineData(2, PreSynapticSignal.Binary, PostSynapticFiring.LowError)]
    [InlineData(2, PreSynapticSignal.Binary, PostSynapticFiring.Winner)]
    public void OneUpdateMatchesTheHandComputation(int label, PreSynapticSignal pre, PostSynapticFiring post)
    {
        OutputLayer layer = Layer();
        float[] before = layer.Values.ToArray();
        switch (pre, post)
        {
            case (PreSynapticSignal.Activity, PostSynapticFiring.LowError): Apply<ActivitySignal, LowErrorFires>(layer, label); break;
            case (PreSynapticSignal.Activity, PostSynapticFiring.Winner): Apply<ActivitySignal, WinnerFires>(layer, label); break;
            case (PreSynapticSignal.Binary, PostSynapticFiring.LowError): Apply<FiringSignal, LowErrorFires>(layer, label); break;
            default: Apply<FiringSignal, WinnerFires>(layer, label); break;
        }

        // Forward pass by hand: every active row has the same weights, so z = (Σ h_i)·RowWeights.
        double activitySum = Activity.Sum(a => (double)a);
        double[] logits = RowWeights.Select(w => activitySum * w).ToArray();
        double[] exp = logits.Select(Math.Exp).ToArray();
        double[] z = exp.Select(e => e / exp.Sum()).ToArray();
        double loss = -Math.Log(z[label]);
        double reward = loss <= Threshold ? 1 : 0;
        Assert.Equal(label == 0, reward == 1); // the two cases really are reward and punish
        int winner = Array.IndexOf(z, z.Max());
        var c = new double[3];
        for (int j = 0; j < 3; j++)
        {
            double target = j == label ? 1 : 0;
            double squaredError = (z[j] - target) * (z[j] - target);
            bool fired = post == PostSynapticFiring.Winner ? j == winner : squaredError <= 0.25;
            c[j] = fired ? Rate * (4 - squaredError) * (reward - z[j]) : 0;
            if (fired)
                Assert.Equal(reward == 1, c[j] > 0); // the dopamine's sign is set by L vs ε0
        }
        double mean = c.Average();
        for (int j = 0; j < 3; j++)
        {
            for (int t = 0; t < Active.Length; t++)
            {
                int i = Active[t];
                double preSignal = pre == PreSynapticSignal.Activity ? Activity[t] : 1;
                Assert.Equal(before[i * 16 + j] + preSignal * (c[j] - mean), layer.Values[i * 16 + j], 5);
            }
        }
        foreach (int inactive in new[] { 1, 3 })
            for (int j = 0; j < 16; j++)
                Assert.Equal(before[inactive * 16 + j], layer.Values[inactive * 16 + j]);
        for (int i = 0; i < 5; i++)
            for (int j = 3; j < 16; j++)
                Assert.Equal(0f, layer.Values[i * 16 + j]);
    }

    [Fact]
    public void LowErrorFiringIsThePrintedCondition()
    {
        var layer = new OutputLayer(1, 4);
        // z = (0.45, 0.3, 0.2, 0.05), label 1: squared errors 0.2025, 0.49, 0.04, 0.0025.
        float[] z = [0.45f, 0.3f, 0.2f, 0.05f];
        var logits = Vector512.Create(z.Select(x => MathF.Log(x)).Concat(Enumerable.Repeat(0f, 12)).ToArray());
        var prediction = new Prediction(logits, 1, layer.ClassLanes);
        Vector512<float> error = prediction.Error;
        Vector512<float> fired = LowErrorFires.Fired(prediction, error * error) & layer.ClassLanes;
        Assert.Equal(0b1101UL, fired.ExtractMostSignificantBits());
        Assert.Equal(0b0001UL, WinnerFires.Fired(prediction, error * error).ExtractMostSignificantBits());
    }
}
