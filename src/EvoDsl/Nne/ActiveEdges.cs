using EvoDsl.Kernels;

namespace EvoDsl.Nne;

/// <summary>
/// For every training sample and hidden unit, the unit's incoming links whose input pixel is nonzero
/// in that sample, with the pixel's value: the only first-layer terms the sample contributes. The
/// training set and the graph are fixed for a run, so this is built once and every genotype block of
/// every generation streams it. Terms are laid out in the order the evaluation reads them: by chunk
/// of samples, then by unit, then by sample, a unit's samples in order of their term count
/// (<see cref="SampleOrder"/>); each term is a link's position within its unit (2 bytes) and the
/// pixel's value (4 bytes). In count order the loop over a sample's terms nearly always runs as many
/// times as the previous sample's did, and its exit is predicted: at paper scale on the Zen 5 EPYC
/// that made a generation about 11% faster on one core. The value is stored rather than looked up
/// from a table of levels: the lookup is a second dependent load per term, which on AVX2 cost a sixth
/// of the gather (both in docs/performance.md).
/// </summary>
public sealed class ActiveEdges
{
    /// <summary>
    /// Samples per chunk by default: the smallest measured size that runs as fast as larger ones. At
    /// paper scale 256, 512 and 1000 run within 3% of each other and 128 is 8% slower (25% before the
    /// next unit's weights were prefetched); a smaller chunk means smaller per-worker buffers.
    /// </summary>
    public const int DefaultChunkSize = 256;

    /// <param name="chunkSize">Samples evaluated together while one unit's weights stay in L1; at most the sample count.</param>
    public ActiveEdges(NneNetwork network, SparseRows samples, int chunkSize = DefaultChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        Samples = samples.Rows;
        ChunkSize = Math.Min(chunkSize, Math.Max(1, Samples));
        if (ChunkSize > ushort.MaxValue + 1)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"a chunk holds at most {ushort.MaxValue + 1} samples (SampleOrder is 16-bit)");
        Hidden = network.Hidden;
        for (int j = 0; j < network.Hidden; j++)
        {
            if (network.UnitStart[j + 1] - network.UnitStart[j] > ushort.MaxValue)
                throw new EvoDslException($"hidden unit {j} has {network.UnitStart[j + 1] - network.UnitStart[j]} incoming edges; " +
                    $"the NNE evaluation supports at most {ushort.MaxValue}: lower EdgeProbability or the number of inputs");
        }

        // The chunk's pixels, dense, so a unit's links can test their input directly (one chunk at a time:
        // the whole training set dense would be 4 bytes a pixel).
        int inputs = network.Inputs;
        var pixel = new float[ChunkSize * inputs];
        void LoadChunk(int chunk)
        {
            Array.Clear(pixel);
            for (int q = 0; q < ChunkLength(chunk); q++)
            {
                int s = chunk * ChunkSize + q;
                ReadOnlySpan<int> columns = samples.ColumnsOf(s);
                ReadOnlySpan<float> values = samples.ValuesOf(s);
                for (int t = 0; t < columns.Length; t++)
                {
                    if (!float.IsFinite(values[t]))
                        throw new EvoDslException($"training image {s} has pixel value {values[t]} at pixel {columns[t]}; the NNE evaluation needs finite pixel values");
                    pixel[q * inputs + columns[t]] = values[t];
                }
            }
        }

        // Two passes in the evaluation's order: count each (chunk, unit, sample) run, then fill the runs.
        if ((long)Samples * Hidden > Array.MaxLength)
            throw TooLarge((long)Samples * Hidden, "(sample, hidden unit) pairs");
        TermCounts = new ushort[Samples * Hidden];
        SampleOrder = new ushort[Samples * Hidden];
        UnitChunkStart = new int[Chunks * Hidden + 1];
        long total = 0;
        int run = 0;
        var counts = new int[ChunkSize];
        var keys = new long[ChunkSize];
        var order = new ushort[ChunkSize];
        for (int c = 0; c < Chunks; c++)
        {
            LoadChunk(c);
            int length = ChunkLength(c);
            for (int j = 0; j < Hidden; j++)
            {
                UnitChunkStart[c * Hidden + j] = (int)Math.Min(total, int.MaxValue);
                for (int q = 0; q < length; q++)
                {
                    int count = 0;
                    for (int e = network.UnitStart[j]; e < network.UnitStart[j + 1]; e++)
                        if (pixel[q * inputs + network.UnitInput[e]] != 0)
                            count++;
                    counts[q] = count;
                    keys[q] = (long)count * ChunkSize + q;
                    order[q] = (ushort)q;
                    total += count;
                }
                // The unit's samples by term count (ties by sample), so the evaluation's loop over a sample's
                // terms ends after as many iterations as the last one's did, and its exit is predicted.
                keys.AsSpan(0, length).Sort(order.AsSpan(0, length));
                for (int q = 0; q < length; q++)
                {
                    SampleOrder[run] = order[q];
                    TermCounts[run++] = (ushort)counts[order[q]];
                }
            }
        }
        if (total > Array.MaxLength)
            throw TooLarge(total, "active first-layer terms");
        UnitChunkStart[^1] = (int)total;

        LinkInUnit = new ushort[total];
        Value = new float[total];
        int next = 0;
        for (int c = 0; c < Chunks; c++)
        {
            LoadChunk(c);
            for (int j = 0; j < Hidden; j++)
            {
                int first = network.UnitStart[j];
                for (int position = 0; position < ChunkLength(c); position++)
                {
                    int q = SampleOrder[CountsStart(c, j) + position];
                    for (int e = first; e < network.UnitStart[j + 1]; e++)
                    {
                        float value = pixel[q * inputs + network.UnitInput[e]];
                        if (value == 0)
                            continue;
                        LinkInUnit[next] = (ushort)(e - first);
                        Value[next] = value;
                        next++;
                    }
                }
            }
        }
    }

    public int Samples { get; }
    public int ChunkSize { get; }
    public int Hidden { get; }
    public int Chunks => (Samples + ChunkSize - 1) / ChunkSize;

    /// <summary>Terms of (chunk c, unit j) start at UnitChunkStart[c·Hidden + j], one run per sample of the chunk.</summary>
    public int[] UnitChunkStart { get; }

    /// <summary>Terms per (chunk, unit, position), in that order, the sample at a position being <see cref="SampleOrder"/>'s; (chunk, unit)'s counts start at <see cref="CountsStart"/>.</summary>
    public ushort[] TermCounts { get; }

    /// <summary>
    /// The sample (within its chunk) at each (chunk, unit, position): a unit's samples by ascending term
    /// count, ties by sample. Only the order the terms are read in changes; each sample's own terms, and
    /// so every sum, are the same.
    /// </summary>
    public ushort[] SampleOrder { get; }

    /// <summary>Each term's link, as its position within its unit's incoming links (<see cref="NneNetwork.UnitStart"/>).</summary>
    public ushort[] LinkInUnit { get; }

    /// <summary>Each term's pixel value.</summary>
    public float[] Value { get; }

    public int ChunkLength(int chunk) => Math.Min(ChunkSize, Samples - chunk * ChunkSize);

    /// <summary>Where the counts of (chunk, unit) start in <see cref="TermCounts"/>: earlier chunks are full, this one's units hold ChunkLength(chunk) counts each.</summary>
    public int CountsStart(int chunk, int unit) => chunk * ChunkSize * Hidden + unit * ChunkLength(chunk);

    private static EvoDslException TooLarge(long count, string what) =>
        new($"the NNE training set and hidden layer give {count:N0} {what}, more than the evaluation can list " +
            $"({Array.MaxLength:N0}, about 6 bytes each): lower TrainPerClass or the hidden layer's width");
}
