namespace EvoDsl.Kernels;

/// <summary>
/// The order in which one epoch visits the training examples: Fisher–Yates from the identity with the
/// stream keyed by the epoch, so the order depends on nothing else and a resumed run continues exactly.
/// </summary>
/// <param name="examples">The size of the training set.</param>
/// <param name="seed">The run's seed.</param>
public sealed class EpochOrder(int examples, ulong seed)
{
    private readonly int[] _order = new int[examples];

    /// <summary>The examples in epoch <paramref name="epoch"/>'s order; valid until the next call. Allocates nothing.</summary>
    public ReadOnlySpan<int> Of(int epoch)
    {
        SplitMix64.Shuffle(_order, Streams.Key(seed, Streams.EpochOrder, (ulong)epoch));
        return _order;
    }
}
