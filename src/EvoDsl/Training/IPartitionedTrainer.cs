namespace EvoDsl.Training;

/// <summary>
/// A trainer whose step splits into independent parts that another process can compute: one holding the same
/// declaration, seed and data builds the same trainer, and from the step's <see cref="PartState"/> alone computes
/// any part bit for bit as this one would (NNE: a block of 64 genotypes, drawn from p by random streams keyed by
/// generation and genotype, and their fitness). So a step is identical wherever its parts ran.
/// </summary>
public interface IPartitionedTrainer : ITrainer
{
    /// <summary>Independent parts of one step.</summary>
    int Parts { get; }

    /// <summary>Results a part returns; the last part's tail beyond the population is 0.</summary>
    int ResultsPerPart { get; }

    /// <summary>What a part needs of the step to come besides the declaration, seed and data (NNE: p), as a copy.</summary>
    double[] PartState();

    /// <summary>
    /// Computes parts [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of step
    /// <paramref name="step"/> (0-based: the step a trainer at <see cref="ITrainer.Completed"/> = step runs next) from
    /// <paramref name="state"/> into <paramref name="results"/>, <see cref="ResultsPerPart"/> per part. The trainer
    /// serves as a worker: its own step count and learned state are not meaningful afterwards.
    /// </summary>
    void ComputeParts(int step, ReadOnlySpan<double> state, int first, int count, Span<float> results);

    /// <summary>
    /// One step whose parts <paramref name="compute"/> computes (wherever it likes) into its results span, all
    /// <see cref="Parts"/> × <see cref="ResultsPerPart"/> of them; the rest of the step runs here.
    /// </summary>
    void Step(ComputeParts compute);
}

/// <summary>
/// Computes every part of step <paramref name="step"/> from <paramref name="state"/> into <paramref name="results"/>
/// (<see cref="IPartitionedTrainer.Parts"/> × <see cref="IPartitionedTrainer.ResultsPerPart"/> values, part by part).
/// </summary>
public delegate void ComputeParts(int step, double[] state, Span<float> results);
