namespace EvoDsl;

/// <summary>
/// Marks a user fitness hook in an experiment class, replacing the paper's per-sample reward
/// max{0, α² − L²}. Signature: <c>static float Name(ReadOnlySpan&lt;float&gt; logits, int label)</c>;
/// the generated loop calls it directly for every training sample and averages the results into δ_x.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class FitnessAttribute : Attribute;
