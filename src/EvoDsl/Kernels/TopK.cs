namespace EvoDsl.Kernels;

/// <summary>
/// The k largest of a stream of (value, index) pairs, as a min-heap whose root is the weakest kept
/// pair. Order: larger value first, ties to the lower index, so the kept set is unique.
/// </summary>
internal static class TopK
{
    /// <summary>Offers one pair to the heap in <paramref name="values"/>/<paramref name="indices"/> (capacity = their length).</summary>
    public static void Offer(Span<float> values, Span<int> indices, ref int count, float value, int index)
    {
        if (count < values.Length)
        {
            // Sift up from the new leaf.
            int child = count++;
            while (child > 0)
            {
                int parent = (child - 1) >> 1;
                if (!Weaker(value, index, values[parent], indices[parent]))
                    break;
                values[child] = values[parent];
                indices[child] = indices[parent];
                child = parent;
            }
            values[child] = value;
            indices[child] = index;
            return;
        }
        if (!Weaker(values[0], indices[0], value, index))
            return;
        // Replace the root and sift down.
        int n = count;
        int node = 0;
        while (true)
        {
            int weakest = 2 * node + 1;
            if (weakest >= n)
                break;
            if (weakest + 1 < n && Weaker(values[weakest + 1], indices[weakest + 1], values[weakest], indices[weakest]))
                weakest++;
            if (!Weaker(values[weakest], indices[weakest], value, index))
                break;
            values[node] = values[weakest];
            indices[node] = indices[weakest];
            node = weakest;
        }
        values[node] = value;
        indices[node] = index;
    }

    /// <summary>Whether (a, i) ranks below (b, j): smaller value, or the same value at a higher index.</summary>
    public static bool Weaker(float a, int i, float b, int j) => a < b || (a == b && i > j);
}
