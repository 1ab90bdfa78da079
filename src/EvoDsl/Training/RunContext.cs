using EvoDsl.Data;
using EvoDsl.Kernels;

namespace EvoDsl.Training;

/// <summary>What a generated trainer is built from: the run's data, seed and thread count.</summary>
/// <param name="Train">The fixed training set S (the declared digits, N per class).</param>
/// <param name="Test">The full test set of the declared digits.</param>
/// <param name="DataSha256">The content hash of the data set the examples came from (<see cref="ImageDataset.Sha256"/>), null for declared inputs.</param>
public sealed record RunContext(ClassSubset Train, ClassSubset Test, ulong Seed, int Threads, string? DataSha256 = null)
{
    /// <summary>Where a trainer says what it took from outside the declaration (another run's results), for the user to read.</summary>
    public Action<string> Log { get; init; } = static _ => { };

    /// <summary>
    /// Where a trainer says that a result must not be read as an ordinary one (a model collapsed onto one
    /// class); the runner shows it and records it in summary.json.
    /// </summary>
    public Action<string> Warn { get; init; } = static _ => { };

    /// <summary>Where a run finds the results of the runs it starts from.</summary>
    public IPriorRuns PriorRuns { get; init; } = NoPriorRuns.Instance;

    /// <summary>
    /// The declared data drawn from a loaded data set: TrainPerClass images per declared class for S
    /// (seeded from the run's seed), and every test image of those classes.
    /// </summary>
    public static RunContext From(DataSettings data, LabeledImages train, LabeledImages test, ulong seed, int threads, string sourceName,
        string? dataSha256 = null)
    {
        int[] digits = DigitSet.Parse(data.Digits);
        ClassSubset trainSubset = ClassSubset.Create(train, digits, data.TrainPerClass, Streams.Key(seed, Streams.TrainingSubset), sourceName + " (training)");
        ClassSubset testSubset = ClassSubset.Create(test, digits, 0, 0, sourceName + " (test)");
        if (data.Images == MnistImages.Deskewed16)
        {
            trainSubset = Deskewed16(trainSubset, sourceName);
            testSubset = Deskewed16(testSubset, sourceName);
        }
        return new RunContext(trainSubset, testSubset, seed, threads, dataSha256);
    }

    /// <summary>WANN's mnist256 images (Images = MnistImages.Deskewed16) of square images.</summary>
    private static ClassSubset Deskewed16(ClassSubset subset, string sourceName)
    {
        int side = (int)Math.Round(Math.Sqrt(subset.Features));
        if (side * side != subset.Features || side < Mnist256.Side)
            throw new EvoDslException($"Images = MnistImages.Deskewed16 resizes square images of at least 16 × 16 pixels, but '{sourceName}' has {subset.Features} pixels per image; " +
                                      "use MnistImages.Original for it");
        return subset.WithPixels(Mnist256.Transform(subset.Pixels, side), Mnist256.Pixels);
    }
}
