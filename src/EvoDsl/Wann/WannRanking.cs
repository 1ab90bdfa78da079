namespace EvoDsl.Wann;

/// <summary>
/// NSGA-II's order on two objectives, both maximised (docs/wann.md §7): non-dominated fronts, best first, and
/// within a front by crowding distance, largest first; ties by index, so the order is the same on every run.
/// The crowding distance of each objective is normalised by its range in the front, as NSGA-II intends (the
/// reference multiplies by |1/max − min|, an operator-precedence slip; docs/wann.md, "EvoDsl's choices").
/// Scratch is kept between calls: ranking allocates nothing.
/// </summary>
public sealed class WannRanking(int capacity)
{
    private readonly bool[] _dominates = new bool[capacity * capacity];
    private readonly int[] _dominatedBy = new int[capacity];
    private readonly int[] _front = new int[capacity];
    private readonly double[] _crowding = new double[capacity];
    private readonly int[] _byObjective = new int[capacity];

    /// <summary>Writes into <paramref name="order"/> the indices 0..order.Length − 1 from best to worst by the two objectives.</summary>
    public void Rank(double[] first, double[] second, Span<int> order)
    {
        int n = order.Length;
        if (n > _dominatedBy.Length || first.Length < n || second.Length < n)
            throw new ArgumentException($"ranking {n} individuals with room for {_dominatedBy.Length}");
        for (int p = 0; p < n; p++)
        {
            _dominatedBy[p] = 0;
            for (int q = 0; q < n; q++)
                _dominates[p * n + q] = first[p] >= first[q] && second[p] >= second[q] && (first[p] > first[q] || second[p] > second[q]);
        }
        for (int p = 0; p < n; p++)
            for (int q = 0; q < n; q++)
                if (_dominates[q * n + p])
                    _dominatedBy[p]++;

        int placed = 0;
        Span<int> front = _front.AsSpan(0, n);
        int size = 0;
        for (int p = 0; p < n; p++)
            if (_dominatedBy[p] == 0)
                front[size++] = p;
        while (size > 0)
        {
            Span<int> members = order.Slice(placed, size);
            front[..size].CopyTo(members);
            SortByCrowding(members, first, second);
            placed += size;
            size = 0;
            foreach (int p in members)
                for (int q = 0; q < n; q++)
                    if (_dominates[p * n + q] && --_dominatedBy[q] == 0)
                        front[size++] = q;
        }
    }

    private void SortByCrowding(Span<int> members, double[] first, double[] second)
    {
        foreach (int p in members)
            _crowding[p] = 0;
        AddCrowding(members, first);
        AddCrowding(members, second);
        InsertionSort(members, new ByCrowding(_crowding));
    }

    /// <summary>Adds each member's distance between its neighbours along one objective, / the objective's range; ends get +∞.</summary>
    private void AddCrowding(ReadOnlySpan<int> members, double[] values)
    {
        int size = members.Length;
        Span<int> sorted = _byObjective.AsSpan(0, size);
        members.CopyTo(sorted);
        InsertionSort(sorted, new ByValue(values));
        double range = values[sorted[size - 1]] - values[sorted[0]];
        _crowding[sorted[0]] = double.PositiveInfinity;
        _crowding[sorted[size - 1]] = double.PositiveInfinity;
        if (!(range > 0) || double.IsInfinity(range))
            return;
        for (int i = 1; i < size - 1; i++)
            _crowding[sorted[i]] += (values[sorted[i + 1]] - values[sorted[i - 1]]) / range;
    }

    /// <summary>A stable sort that allocates nothing (Span.Sort wraps a comparer in a delegate); fronts are small.</summary>
    private static void InsertionSort<TComparer>(Span<int> items, TComparer comparer) where TComparer : struct, IComparer<int>
    {
        for (int i = 1; i < items.Length; i++)
        {
            int item = items[i], j = i - 1;
            while (j >= 0 && comparer.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = item;
        }
    }

    private readonly struct ByCrowding(double[] crowding) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int byDistance = crowding[b].CompareTo(crowding[a]);
            return byDistance != 0 ? byDistance : a.CompareTo(b);
        }
    }

    private readonly struct ByValue(double[] values) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            int byValue = values[a].CompareTo(values[b]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        }
    }
}
