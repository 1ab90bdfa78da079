namespace EvoDsl;

/// <summary>
/// Neural net evolution (SPEC §1): weights are W·x for a binary genotype x; allele frequencies
/// evolve by the weak-selection rule (paper eq. 3).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NneAttribute : Attribute
{
    /// <summary>Number of genes n (paper: 2000).</summary>
    public int Genes { get; set; } = 2000;

    /// <summary>Genotypes sampled per generation N (paper: 1000).</summary>
    public int Population { get; set; } = 1000;

    /// <summary>Probability β that an entry of the weight generation matrix W is nonzero (paper: 0.0025).</summary>
    public double GeneDensity { get; set; } = 0.0025;

    /// <summary>Selection strength ε of eq. 3 (the paper gives none; docs/nne.md shows how 100 was chosen).</summary>
    public double Selection { get; set; } = 100;

    /// <summary>
    /// Multiplies the fan-in weight scale 1/sqrt(fanIn·βn/3), which gives each weight variance
    /// 1/fanIn when every allele is present (the paper gives no scale; docs/nne.md shows how 8 was chosen).
    /// </summary>
    public double WeightGain { get; set; } = 8;

    /// <summary>
    /// What f(i) or f̄(i) is when no genotype of the generation falls on that side of gene i (the
    /// paper does not say; docs/nne.md measures both).
    /// </summary>
    public EmptySide EmptySide { get; set; } = EmptySide.PopulationMean;
}

/// <summary>The fitness of an allele that no genotype of a generation carries, for <see cref="NneAttribute.EmptySide"/>.</summary>
public enum EmptySide
{
    /// <summary>The population's mean fitness: an untested allele is neither rewarded nor punished, p(i) stays.</summary>
    PopulationMean,

    /// <summary>0, as an empty sum would give: p(i) moves toward the side the population holds, which fixes alleles sooner.</summary>
    Zero,
}
