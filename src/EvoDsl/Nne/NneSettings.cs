using System.Text.Json.Serialization;

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
    string? FitnessHook,
    // Left out of a checkpoint's fingerprint when it is the default, so runs checkpointed before the
    // option existed still resume.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] EmptySide EmptySide = EmptySide.PopulationMean);
