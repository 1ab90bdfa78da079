namespace EvoDsl.Nne;

/// <summary>The NNE part of a declaration, as the generator read it from the attributes.</summary>
public sealed record NneSettings(
    int Hidden,
    double EdgeProbability,
    int Genes,
    int Population,
    double GeneDensity,
    double Selection,
    double WeightGain,
    string? FitnessHook);
