namespace EvoDsl.Generators.Model;

/// <summary>
/// One valid experiment declaration, as plain values: everything the emitter needs and nothing
/// that would root a compilation (no symbols, syntax or locations).
/// </summary>
internal sealed record ExperimentModel(
    string Namespace,
    string ClassName,
    string Name,
    string Description,
    DataModel Data,
    NneModel Nne,
    RunModel Run)
{
    /// <summary>The class name as C# code names it from anywhere: global::Namespace.ClassName.</summary>
    public string GlobalName => Namespace.Length == 0 ? "global::" + ClassName : $"global::{Namespace}.{ClassName}";

    public string FullName => Namespace.Length == 0 ? ClassName : $"{Namespace}.{ClassName}";
}

/// <summary>[Mnist]: the kept classes in canonical form and how many training examples per class.</summary>
internal sealed record DataModel(string Digits, int Classes, int TrainPerClass);

/// <summary>[HiddenLayer] and [Nne], plus the optional [Fitness] hook's method name.</summary>
internal sealed record NneModel(
    int Hidden,
    double EdgeProbability,
    int Genes,
    int Population,
    double GeneDensity,
    double Selection,
    double WeightGain,
    string? FitnessHook);

/// <summary>[Run]: default run length, evaluation period and seed.</summary>
internal sealed record RunModel(int Generations, int EvaluateEvery, int Seed);

/// <summary>The parser's answer for one declaration: a model when it is valid, and its diagnostics.</summary>
internal sealed record ParseResult(ExperimentModel? Model, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>What the catalog needs of an experiment: its name, class, and where it was declared.</summary>
internal sealed record CatalogEntry(string Name, string GlobalName, string FullName, LocationInfo? Location);
