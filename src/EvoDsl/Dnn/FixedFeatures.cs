using System.Diagnostics;
using System.Runtime.Intrinsics;
using EvoDsl.Kernels;
using EvoDsl.Nne;

namespace EvoDsl.Dnn;

/// <summary>
/// The hidden activations of every example of a fixed data set, computed once per run because the
/// layer below never changes (DESIGN: "hidden features can be computed once per run"). Stored as
/// sparse rows of the nonzero activations, indices ascending: ReLU zeroes about half the units and a
/// k-cap keeps k, so the output layer only ever visits the units that fired.
/// </summary>
public sealed class FixedFeatures
{
    private FixedFeatures(int hidden, int[] rowStart, int[] index, float[] value, int[] labels, double buildSeconds)
    {
        Hidden = hidden;
        RowStart = rowStart;
        Index = index;
        Value = value;
        Labels = labels;
        BuildSeconds = buildSeconds;
    }

    /// <summary>Examples stored.</summary>
    public int Rows => RowStart.Length - 1;

    /// <summary>Hidden units h.</summary>
    public int Hidden { get; }

    /// <summary>Row r's activations are entries [RowStart[r], RowStart[r+1]) of <see cref="Index"/> / <see cref="Value"/>.</summary>
    public int[] RowStart { get; }
    public int[] Index { get; }
    public float[] Value { get; }

    /// <summary>Class index per example (the data set's labels).</summary>
    public int[] Labels { get; }

    /// <summary>Wall-clock seconds the build took.</summary>
    public double BuildSeconds { get; }

    /// <summary>Nonzero activations stored.</summary>
    public long NonZeros => Index.Length;

    /// <summary>Bytes of the stored rows.</summary>
    public long Bytes => (long)Index.Length * (sizeof(int) + sizeof(float)) + (long)RowStart.Length * sizeof(int);

    public ReadOnlySpan<int> IndicesOf(int row) => Index.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);
    public ReadOnlySpan<float> ValuesOf(int row) => Value.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    /// <summary>
    /// ReLU(W·x) of the random layer for every input row, or with <paramref name="kCap"/> &gt; 0 only the
    /// k largest positive activations (ties to the lower unit). Never materialises the dense
    /// rows × hidden matrix: each example keeps at most <c>min(k, h)</c> (capped) or h (uncapped) entries.
    /// </summary>
    public static FixedFeatures FromRandomLayer(RandomLayer layer, SparseRows inputs, int[] labels, int kCap, WorkerPool pool)
    {
        if (inputs.Columns != layer.Inputs)
            throw new EvoDslException($"the data has {inputs.Columns} pixels per image but the random layer has {layer.Inputs} inputs");
        ArgumentOutOfRangeException.ThrowIfNegative(kCap);
        var clock = Stopwatch.StartNew();
        int capacity = kCap > 0 ? Math.Min(kCap, layer.Hidden) : layer.Hidden;
        var slots = new Slots(inputs.Rows, capacity, layer.Hidden, kCap);
        if (kCap > 0)
        {
            var builder = new CappedBuilder(layer, inputs, slots, capacity, pool.Workers);
            pool.For(builder.Blocks, builder.BuildBlock);
        }
        else
        {
            var rowScratch = new float[pool.Workers][];
            for (int w = 0; w < rowScratch.Length; w++)
                rowScratch[w] = new float[layer.RowVectors * Vector512<float>.Count];
            var tileScratch = new Vector512<float>[pool.Workers][];
            for (int w = 0; w < tileScratch.Length; w++)
                tileScratch[w] = new Vector512<float>[RandomLayer.TileVectors];
            pool.For((inputs.Rows + ExamplesPerItem - 1) / ExamplesPerItem, (worker, item) =>
            {
                float[] dense = rowScratch[worker];
                Span<Vector512<float>> tile = tileScratch[worker];
                int end = Math.Min(inputs.Rows, (item + 1) * ExamplesPerItem);
                for (int r = item * ExamplesPerItem; r < end; r++)
                {
                    DenseActivations(layer, inputs.ColumnsOf(r), inputs.ValuesOf(r), dense, tile);
                    slots.Store(r, dense.AsSpan(0, layer.Hidden));
                }
            });
        }
        return slots.Compact(labels, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The NNE network's hidden activations for weights w = W·c (<see cref="NneForward.HiddenActivations"/>,
    /// bit for bit the values its forward pass computes).
    /// </summary>
    public static FixedFeatures FromNneNetwork(NneNetwork network, float[] weights, SparseRows inputs, int[] labels, WorkerPool pool)
    {
        var clock = Stopwatch.StartNew();
        var slots = new Slots(inputs.Rows, network.Hidden, network.Hidden, kCap: 0);
        var hidden = new float[pool.Workers][];
        for (int w = 0; w < hidden.Length; w++)
            hidden[w] = new float[network.Hidden];
        pool.For((inputs.Rows + ExamplesPerItem - 1) / ExamplesPerItem, (worker, item) =>
        {
            int end = Math.Min(inputs.Rows, (item + 1) * ExamplesPerItem);
            for (int r = item * ExamplesPerItem; r < end; r++)
            {
                NneForward.HiddenActivations(network, weights, inputs.ColumnsOf(r), inputs.ValuesOf(r), hidden[worker]);
                slots.Store(r, hidden[worker]);
            }
        });
        return slots.Compact(labels, clock.Elapsed.TotalSeconds);
    }

    private const int ExamplesPerItem = 256;

    /// <summary>ReLU(W·x) of one example into <paramref name="dense"/> (RowVectors·16 floats), tile by tile.</summary>
    internal static void DenseActivations(RandomLayer layer, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, Span<float> dense, Span<Vector512<float>> sums)
    {
        for (int tile = 0; tile < layer.Tiles; tile++)
        {
            layer.PreActivations(columns, values, tile, sums);
            for (int v = 0; v < RandomLayer.TileVectors; v++)
                Vector512.Max(sums[v], Vector512<float>.Zero).CopyTo(dense.Slice((tile * RandomLayer.TileVectors + v) * Vector512<float>.Count));
        }
    }

    /// <summary>Fixed-capacity row slots filled in parallel, then packed into compressed rows in row order.</summary>
    private sealed class Slots
    {
        private readonly int _capacity;
        private readonly int _hidden;
        private readonly int[] _index;
        private readonly float[] _value;
        private readonly int[] _length;

        public Slots(int rows, int capacity, int hidden, int kCap)
        {
            long size = (long)rows * capacity;
            if (size > Array.MaxLength)
                throw new EvoDslException(kCap > 0
                    ? $"{rows} examples × k = {kCap} activations do not fit one array; lower KCap"
                    : $"{rows} examples × {hidden} hidden units would keep up to {size:N0} activations ({size * 8 / (1L << 30)} GiB); set a k-cap (KCap, e.g. 256) to keep only the largest");
            _capacity = capacity;
            _hidden = hidden;
            _index = new int[size];
            _value = new float[size];
            _length = new int[rows];
        }

        /// <summary>Keeps the nonzero entries of a dense activation row.</summary>
        public void Store(int row, ReadOnlySpan<float> dense)
        {
            Span<int> index = _index.AsSpan(row * _capacity, _capacity);
            Span<float> value = _value.AsSpan(row * _capacity, _capacity);
            int n = 0;
            for (int j = 0; j < dense.Length; j++)
            {
                if (dense[j] > 0f)
                {
                    index[n] = j;
                    value[n] = dense[j];
                    n++;
                }
            }
            _length[row] = n;
        }

        public Span<int> IndexSlot(int row) => _index.AsSpan(row * _capacity, _capacity);
        public Span<float> ValueSlot(int row) => _value.AsSpan(row * _capacity, _capacity);
        public void SetLength(int row, int length) => _length[row] = length;

        public FixedFeatures Compact(int[] labels, double seconds)
        {
            int rows = _length.Length;
            var rowStart = new int[rows + 1];
            for (int r = 0; r < rows; r++)
                rowStart[r + 1] = rowStart[r] + _length[r];
            var index = new int[rowStart[rows]];
            var value = new float[rowStart[rows]];
            for (int r = 0; r < rows; r++)
            {
                _index.AsSpan(r * _capacity, _length[r]).CopyTo(index.AsSpan(rowStart[r]));
                _value.AsSpan(r * _capacity, _length[r]).CopyTo(value.AsSpan(rowStart[r]));
            }
            return new FixedFeatures(_hidden, rowStart, index, value, labels, seconds);
        }
    }

    /// <summary>
    /// The k-cap build. Examples go in blocks; for each tile of the layer (8 vectors, 400 KB of weights
    /// at 784 inputs, held in L2) every example of the block adds its pixels' rows and offers the
    /// tile's activations to its own min-heap of the k best so far. Streaming the weights once per block
    /// rather than once per example is what makes h = 100,000 affordable; the heap root is a threshold
    /// that rejects almost every activation with one vector compare.
    /// </summary>
    private sealed class CappedBuilder
    {
        private const int BlockSize = 1024;
        private readonly RandomLayer _layer;
        private readonly SparseRows _inputs;
        private readonly Slots _slots;
        private readonly int _k;
        private readonly float[][] _heapValue;
        private readonly int[][] _heapIndex;
        private readonly int[][] _heapCount;
        private readonly Vector512<float>[][] _tile;

        public CappedBuilder(RandomLayer layer, SparseRows inputs, Slots slots, int k, int workers)
        {
            _layer = layer;
            _inputs = inputs;
            _slots = slots;
            _k = k;
            int block = Math.Min(BlockSize, Math.Max(1, inputs.Rows));
            _heapValue = new float[workers][];
            _heapIndex = new int[workers][];
            _heapCount = new int[workers][];
            _tile = new Vector512<float>[workers][];
            for (int w = 0; w < workers; w++)
            {
                _heapValue[w] = new float[block * k];
                _heapIndex[w] = new int[block * k];
                _heapCount[w] = new int[block];
                _tile[w] = new Vector512<float>[RandomLayer.TileVectors];
            }
        }

        public int Blocks => (_inputs.Rows + BlockSize - 1) / BlockSize;

        public void BuildBlock(int worker, int block)
        {
            int first = block * BlockSize;
            int examples = Math.Min(BlockSize, _inputs.Rows - first);
            int k = _k;
            int hidden = _layer.Hidden;
            float[] heapValue = _heapValue[worker];
            int[] heapIndex = _heapIndex[worker];
            int[] heapCount = _heapCount[worker];
            Span<Vector512<float>> tile = _tile[worker];
            Array.Clear(heapCount);
            for (int t = 0; t < _layer.Tiles; t++)
            {
                int firstVector = t * RandomLayer.TileVectors;
                for (int e = 0; e < examples; e++)
                {
                    _layer.PreActivations(_inputs.ColumnsOf(first + e), _inputs.ValuesOf(first + e), t, tile);
                    Span<float> values = heapValue.AsSpan(e * k, k);
                    Span<int> units = heapIndex.AsSpan(e * k, k);
                    ref int count = ref heapCount[e];
                    for (int v = 0; v < RandomLayer.TileVectors; v++)
                    {
                        // Only activations above 0 (ReLU) and, once the heap is full, above its root can enter.
                        float threshold = count < k ? 0f : values[0];
                        ulong mask = Vector512.GreaterThan(tile[v], Vector512.Create(threshold)).ExtractMostSignificantBits();
                        while (mask != 0)
                        {
                            int lane = System.Numerics.BitOperations.TrailingZeroCount(mask);
                            mask &= mask - 1;
                            int unit = (firstVector + v) * Vector512<float>.Count + lane;
                            if (unit < hidden)
                                TopK.Offer(values, units, ref count, tile[v].GetElement(lane), unit);
                        }
                    }
                }
            }
            for (int e = 0; e < examples; e++)
            {
                int n = heapCount[e];
                Span<int> index = _slots.IndexSlot(first + e)[..n];
                Span<float> value = _slots.ValueSlot(first + e)[..n];
                heapIndex.AsSpan(e * k, n).CopyTo(index);
                heapValue.AsSpan(e * k, n).CopyTo(value);
                index.Sort(value); // ascending units: the output layer's rows are then visited in memory order
                _slots.SetLength(first + e, n);
            }
        }
    }
}
