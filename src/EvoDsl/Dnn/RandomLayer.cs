using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvoDsl.Kernels;

namespace EvoDsl.Dnn;

/// <summary>
/// The fixed random layer of a DNN (SPEC §2): inputs → <see cref="Hidden"/> ReLU units, no bias,
/// Kaiming-uniform weights U(−b, b) with b = sqrt(6 / fan_in) (He et al. 2015, gain √2 for ReLU).
/// Stored input-major, each input's row padded to whole vectors, so that a sparse input adds one
/// scaled row per nonzero pixel. Hidden unit j draws its weights from its own stream, so a wider
/// layer starts with the same units as a narrower one.
/// </summary>
public sealed class RandomLayer
{
    /// <summary>Hidden units per tile of the feature kernel: 8 vectors, kept in registers while the pixels stream through.</summary>
    internal const int TileVectors = 8;

    private readonly AlignedVectors _weights;

    public RandomLayer(int inputs, int hidden, ulong seed, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        Inputs = inputs;
        Hidden = hidden;
        // Rows padded to whole tiles: one kernel shape for every tile, at most 127 zero weights per row.
        const int tileUnits = TileVectors * 16;
        RowVectors = (hidden + tileUnits - 1) / tileUnits * TileVectors;
        Bound = MathF.Sqrt(6f / inputs);
        _weights = new AlignedVectors(inputs * RowVectors);

        // Columns of 1024 units are independent work items; each unit's stream runs down its column.
        const int columnsPerItem = 1024;
        int items = (hidden + columnsPerItem - 1) / columnsPerItem;
        using var pool = WorkerPool.ForThreads(threads);
        pool.For(items, (_, item) =>
        {
            int first = item * columnsPerItem;
            int width = Math.Min(columnsPerItem, hidden - first);
            var streams = new SplitMix64[width];
            for (int j = 0; j < width; j++)
                streams[j] = new SplitMix64(Streams.Key(seed, Streams.RandomLayer, (ulong)(first + j)));
            Span<float> all = WeightValues;
            for (int p = 0; p < inputs; p++)
            {
                Span<float> row = all.Slice(p * RowVectors * Vector512<float>.Count + first, width);
                for (int j = 0; j < width; j++)
                    row[j] = Bound * (2f * streams[j].NextFloat() - 1f);
            }
        });
    }

    public int Inputs { get; }
    public int Hidden { get; }

    /// <summary>Vectors per input row: ⌈Hidden / 128⌉·8, whole tiles; the padding lanes hold 0.</summary>
    public int RowVectors { get; }

    /// <summary>b = sqrt(6 / fan_in).</summary>
    public float Bound { get; }

    /// <summary>Inputs × RowVectors·16 weights, input-major; W[p, j] = WeightValues[p·RowVectors·16 + j].</summary>
    public Span<float> WeightValues => MemoryMarshal.Cast<Vector512<float>, float>(_weights.Span);

    /// <summary>The weight from input <paramref name="input"/> to hidden unit <paramref name="unit"/>.</summary>
    public float Weight(int input, int unit) => WeightValues[input * RowVectors * Vector512<float>.Count + unit];

    internal Span<Vector512<float>> Rows => _weights.Span;

    /// <summary>Bytes the weights take (the layer is dropped once the features are built).</summary>
    public long Bytes => (long)Inputs * RowVectors * 64;

    /// <summary>Tiles per row: hidden units in blocks of 8 vectors (128 units).</summary>
    public int Tiles => RowVectors / TileVectors;

    /// <summary>
    /// Pre-activations of one tile (8 vectors of hidden units, 128 units from 128·<paramref name="tile"/>)
    /// for one sparse input: Σ_p x_p·W[p, tile]. The 8 accumulators stay in registers, so each nonzero
    /// pixel costs 8 loads and 8 FMAs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void PreActivations(ReadOnlySpan<int> columns, ReadOnlySpan<float> values, int tile, Span<Vector512<float>> sums)
    {
        ref Vector512<float> w = ref Unsafe.Add(ref MemoryMarshal.GetReference(Rows), tile * TileVectors);
        int stride = RowVectors;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
        for (int t = 0; t < columns.Length; t++)
        {
            ref Vector512<float> row = ref Unsafe.Add(ref w, columns[t] * stride);
            var x = Vector512.Create(values[t]);
            a0 = Vector512.FusedMultiplyAdd(x, row, a0);
            a1 = Vector512.FusedMultiplyAdd(x, Unsafe.Add(ref row, 1), a1);
            a2 = Vector512.FusedMultiplyAdd(x, Unsafe.Add(ref row, 2), a2);
            a3 = Vector512.FusedMultiplyAdd(x, Unsafe.Add(ref row, 3), a3);
            a4 = Vector512.FusedMultiplyAdd(x, Unsafe.Add(ref row, 4), a4);
            a5 = Vector512.FusedMultiplyAdd(x, Unsafe.Add(ref row, 5), a5);
            a6 = Vector512.FusedMultiplyAdd(x, Unsafe.Add(ref row, 6), a6);
            a7 = Vector512.FusedMultiplyAdd(x, Unsafe.Add(ref row, 7), a7);
        }
        sums[0] = a0; sums[1] = a1; sums[2] = a2; sums[3] = a3;
        sums[4] = a4; sums[5] = a5; sums[6] = a6; sums[7] = a7;
    }
}
