namespace EvoDsl.Neurashed;

/// <summary>
/// Local elasticity (He and Su 2020; paper 002, eq. 3.1): how much one update at a base input x moves
/// the logits of a test input x', relative to how much it moves x's own:
/// LE(x, x') = ‖z(x', w⁺) − z(x', w)‖ / ‖z(x, w⁺) − z(x, w)‖.
/// </summary>
public static class LocalElasticity
{
    /// <summary>Eq. 3.1 from the four logit vectors; 0/0 (nothing moved) is 0.</summary>
    public static double Of(ReadOnlySpan<double> testBefore, ReadOnlySpan<double> testAfter, ReadOnlySpan<double> baseBefore, ReadOnlySpan<double> baseAfter)
    {
        double test = Distance(testBefore, testAfter);
        double based = Distance(baseBefore, baseAfter);
        return based > 0 ? test / based : test > 0 ? double.PositiveInfinity : 0;
    }

    /// <summary>
    /// LE(x, x') for the base input and each test input of the training data: logits at w, one
    /// Algorithm 1 update on the batch {x}, logits at w⁺. The model is left at w⁺.
    /// </summary>
    public static void Measure<TLambdaRule, TEtaRule>(NeurashedTraining<TLambdaRule, TEtaRule> training, int baseInput,
        ReadOnlySpan<int> testInputs, Span<double> elasticity)
        where TLambdaRule : struct, IUpdateRule
        where TEtaRule : struct, IUpdateRule
    {
        if (elasticity.Length != testInputs.Length)
            throw new ArgumentException("one elasticity per test input", nameof(elasticity));
        var model = training.Model;
        var inputs = training.Inputs;
        int k = model.Graph.ClassCount;
        var before = new double[(testInputs.Length + 1) * k];
        var after = new double[before.Length];
        model.Logits(inputs.FeaturesOf(baseInput), before.AsSpan(0, k));
        for (int t = 0; t < testInputs.Length; t++)
            model.Logits(inputs.FeaturesOf(testInputs[t]), before.AsSpan((t + 1) * k, k));
        training.Update([baseInput]);
        model.Logits(inputs.FeaturesOf(baseInput), after.AsSpan(0, k));
        for (int t = 0; t < testInputs.Length; t++)
        {
            model.Logits(inputs.FeaturesOf(testInputs[t]), after.AsSpan((t + 1) * k, k));
            elasticity[t] = Of(before.AsSpan((t + 1) * k, k), after.AsSpan((t + 1) * k, k), before.AsSpan(0, k), after.AsSpan(0, k));
        }
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("logit vectors differ in length");
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}
