namespace EvoDsl;

/// <summary>
/// Genetic programming (Koza 1992; seed 000's view of training as GP; docs/gp.md): an individual is one
/// program tree per class over the image's pixels, with the primitives +, −, ×, protected ÷, max, min,
/// if-greater and constants; the class outputs are the logits of a softmax, and the fitness is −cross-entropy
/// on a training batch drawn anew each generation. Trees start ramped half-and-half; parents are chosen by
/// tournament; a child is the subtree crossover of two parents (in one class's tree), a subtree mutation of
/// one, or a copy. Needs [Mnist], usually with Images = MnistImages.Deskewed16.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GeneticProgrammingAttribute : Attribute
{
    /// <summary>Individuals per generation.</summary>
    public int Population { get; set; } = 1000;

    /// <summary>Training images every individual of a generation is scored on, drawn anew each generation.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Individuals per tournament, drawn with replacement; the fittest is the parent (Koza: 7).</summary>
    public int TournamentSize { get; set; } = 7;

    /// <summary>Chance that a child is the subtree crossover of two parents (Koza: 0.9).</summary>
    public double Crossover { get; set; } = 0.9;

    /// <summary>Chance that a child is a subtree mutation of one parent; the rest are copies. Crossover + Mutation ≤ 1.</summary>
    public double Mutation { get; set; } = 0.05;

    /// <summary>Share of the population, the fittest, copied unchanged into the next generation.</summary>
    public double EliteRatio { get; set; } = 0.01;

    /// <summary>The deepest starting tree: ramped half-and-half over depths 2 to this (Koza: 6).</summary>
    public int InitialDepth { get; set; } = 5;

    /// <summary>The deepest tree a crossover or mutation may make: a crossover child past it is its first parent's copy, a mutation grows only within it (Koza: 17).</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>The most nodes one class's tree may have (at most <see cref="LongestTree"/>), kept as MaxDepth is.</summary>
    public int MaxSize { get; set; } = 100;

    /// <summary>The largest MaxSize: a tree's passes keep a stack of its length on the thread's stack.</summary>
    public const int LongestTree = 4096;
}
