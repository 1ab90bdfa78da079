using EvoDsl.Kernels;

namespace EvoDsl.Data;

/// <summary>
/// Examples as pixel-major rows: pixel p of example b at (firstRow + p) · count + b, one contiguous row per pixel, which
/// an elementwise operation over a whole batch reads at once (WANN's forward pass, GP's interpreter). Rows before
/// <c>firstRow</c> are the caller's (WANN's bias row).
/// </summary>
public static class PixelRows
{
    /// <summary>
    /// Draws <paramref name="labels"/>.Length examples of <paramref name="set"/> without replacement, by a partial shuffle of
    /// <paramref name="order"/> (set.Count entries, reset here) from the stream <paramref name="key"/>, into
    /// <paramref name="rows"/> and <paramref name="labels"/>.
    /// </summary>
    public static void Draw(ClassSubset set, Span<int> order, ulong key, Span<float> rows, int firstRow, Span<int> labels)
    {
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        var random = new SplitMix64(key);
        int count = labels.Length;
        for (int b = 0; b < count; b++)
        {
            int j = b + random.NextInt(order.Length - b);
            (order[b], order[j]) = (order[j], order[b]);
            Copy(set, order[b], rows, firstRow, count, b);
            labels[b] = set.Labels[order[b]];
        }
    }

    /// <summary>Every example of <paramref name="set"/>, in order, as rows after <paramref name="firstRow"/> empty ones.</summary>
    public static float[] Of(ClassSubset set, int firstRow = 0)
    {
        var rows = new float[(firstRow + set.Features) * set.Count];
        for (int i = 0; i < set.Count; i++)
            Copy(set, i, rows, firstRow, set.Count, i);
        return rows;
    }

    private static void Copy(ClassSubset set, int example, Span<float> rows, int firstRow, int count, int column)
    {
        int features = set.Features;
        ReadOnlySpan<float> pixels = set.Pixels.AsSpan(example * features, features);
        for (int p = 0; p < features; p++)
            rows[(firstRow + p) * count + column] = pixels[p];
    }
}
