namespace EvoDsl.Gp;

/// <summary>The [GeneticProgramming] part of a declaration, as the generator read it (defaults: GeneticProgrammingAttribute; docs/gp.md).</summary>
/// <param name="Population">Individuals per generation.</param>
/// <param name="BatchSize">Training images a generation's individuals are all scored on, drawn without replacement.</param>
/// <param name="TournamentSize">Individuals per tournament, drawn with replacement.</param>
/// <param name="Crossover">Chance that a child is a subtree crossover of two parents.</param>
/// <param name="Mutation">Chance that a child is a subtree mutation of one parent (the rest are copies).</param>
/// <param name="EliteRatio">Share of the population, the fittest, copied unchanged.</param>
/// <param name="InitialDepth">The deepest starting tree (ramped half-and-half over depths 2 to it).</param>
/// <param name="MaxDepth">The deepest tree a variation may make.</param>
/// <param name="MaxSize">The most nodes one class's tree may have.</param>
public sealed record GpSettings(
    int Population,
    int BatchSize,
    int TournamentSize,
    double Crossover,
    double Mutation,
    double EliteRatio,
    int InitialDepth,
    int MaxDepth,
    int MaxSize);
