using EvoDsl.Data;

namespace EvoDsl.Hosting;

/// <summary>What a generated trainer is built from: the run's data, seed and thread count.</summary>
/// <param name="Train">The fixed training set S (the declared digits, N per class).</param>
/// <param name="Test">The full test set of the declared digits.</param>
public sealed record RunContext(ClassSubset Train, ClassSubset Test, ulong Seed, int Threads);
