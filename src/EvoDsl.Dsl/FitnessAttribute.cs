namespace EvoDsl;

/// <summary>
/// Marks a user fitness hook in an experiment class, replacing the paper's per-sample reward
/// max{0, α² − L²}. Signature: <c>static float Name(ReadOnlySpan&lt;float&gt; logits, int label)</c>;
/// the generated loop calls it directly for every genotype and training sample and averages the
/// results into δ_x. Genotypes are evaluated in blocks of 16, so the padding lanes of a last, partial
/// block are evaluated too (and discarded): keep the hook a pure function of its arguments.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class FitnessAttribute : Attribute;
