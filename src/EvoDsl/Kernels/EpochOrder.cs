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

    /// <summary>
    /// Epoch <paramref name="epoch"/>'s order cut into consecutive mini-batches of <paramref name="batchSize"/>
    /// examples (the last may be shorter), for <c>foreach</c>; valid until the next call. Allocates nothing.
    /// </summary>
    public MiniBatches InMiniBatches(int epoch, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        SplitMix64.Shuffle(_order, Streams.Key(seed, Streams.EpochOrder, (ulong)epoch));
        return new MiniBatches(_order, batchSize);
    }

    /// <summary>The mini-batches of one epoch, each a slice of its order.</summary>
    public ref struct MiniBatches
    {
        private readonly ReadOnlySpan<int> _order;
        private readonly int _batchSize;
        private int _next;

        internal MiniBatches(ReadOnlySpan<int> order, int batchSize)
        {
            _order = order;
            _batchSize = batchSize;
        }

        public readonly MiniBatches GetEnumerator() => this;

        public ReadOnlySpan<int> Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= _order.Length)
                return false;
            Current = _order.Slice(_next, Math.Min(_batchSize, _order.Length - _next));
            _next += Current.Length;
            return true;
        }
    }
}
