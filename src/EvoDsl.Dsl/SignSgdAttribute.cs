namespace EvoDsl;

/// <summary>
/// SignSGD on the output layer (paper eq. 5): W2_ij ← W2_ij − η·sign(Σ_batch (z_j − ℓ(y)_j) h_i).
/// With a [RandomLayer] it is Table 2's SignSGD column; with [HiddenLayer] and [Nne] it is Table 1's
/// NNE + SignSGD, which starts from the allele frequencies learned by the NNE run <see cref="AllelesFrom"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SignSgdAttribute : Attribute
{
    /// <summary>η (the paper's ε0 of eq. 5), the size of every weight's step.</summary>
    public double LearningRate { get; set; } = 0.001;

    /// <summary>Examples per step (paper: 50 for NNE + SignSGD).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// NNE + SignSGD only: the NNE experiment whose final allele frequencies (its checkpoint under
    /// results/NAME/) give the starting network. Its [Mnist], [HiddenLayer] and [Nne] must equal this one's.
    /// </summary>
    public string? AllelesFrom { get; set; }
}
