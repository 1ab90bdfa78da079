namespace EvoDsl.Training;

/// <summary>
/// A generated training loop as the runner drives it: <see cref="Step"/> is one generation
/// (NNE), allocation-free; everything else runs between steps.
/// </summary>
public interface ITrainer : IDisposable
{
    /// <summary>Steps completed so far.</summary>
    int Completed { get; }

    /// <summary>Work units one step processes (NNE: genotype-samples, N·|S|), for the rate display.</summary>
    long UnitsPerStep { get; }

    /// <summary>The mean fitness (or loss) of the last step, shown live.</summary>
    double LastStepScore { get; }

    /// <summary>Runs one step.</summary>
    void Step();

    /// <summary>Measures the current state (accuracies and the like), in a fixed order of names.</summary>
    IReadOnlyList<Metric> Evaluate();

    /// <summary>Writes the learned state's artifacts (e.g. allele statistics) into <paramref name="directory"/>.</summary>
    void WriteArtifacts(string directory);

    /// <summary>
    /// Writes everything needed to continue exactly where this trainer is: with the seed, the rest is
    /// derived (random streams are keyed by step and index, not carried along).
    /// </summary>
    void WriteState(BinaryWriter writer);

    /// <summary>Restores a state written by <see cref="WriteState"/> for the same declaration and data.</summary>
    void ReadState(BinaryReader reader);
}

/// <summary>A named measurement; <see cref="Name"/> is a CSV column name.</summary>
public readonly record struct Metric(string Name, double Value);
