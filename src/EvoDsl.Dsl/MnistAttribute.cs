namespace EvoDsl;

/// <summary>
/// The experiment trains on MNIST (fetched and checksummed on first use), or on any IDX data set
/// with the same layout passed as <c>--data DIR</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MnistAttribute : Attribute
{
    /// <summary>TrainPerClass value that keeps every training image of the declared classes.</summary>
    public const int All = 0;

    /// <summary>The classes kept, as "0-4", "0-9" or "0,1,7"; labels become indices into this list.</summary>
    public string Digits { get; set; } = "0-9";

    /// <summary>
    /// Training examples drawn per class (seeded), fixed for the run (paper: 200 for NNE), or
    /// <see cref="All"/> for the whole training set (not for NNE, which evaluates every genotype on it).
    /// </summary>
    public int TrainPerClass { get; set; } = 200;

    /// <summary>
    /// The images as the files hold them (28 × 28), or WANN's "mnist256": resized to 16 × 16 and deskewed
    /// (docs/wann.md §2), 256 inputs.
    /// </summary>
    public MnistImages Images { get; set; } = MnistImages.Original;
}

/// <summary>How <see cref="MnistAttribute"/>'s images reach the learning system.</summary>
public enum MnistImages
{
    /// <summary>28 × 28 pixels in [0, 1], 784 inputs.</summary>
    Original,

    /// <summary>Resized to 16 × 16 and deskewed, as the WANN reference's mnist256 task: 256 inputs.</summary>
    Deskewed16,
}
