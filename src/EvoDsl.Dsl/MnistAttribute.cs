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
}
