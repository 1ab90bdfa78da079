using EvoDsl.Kernels;

namespace EvoDsl.Metrics;

/// <summary>
/// The binning estimator of Shwartz-Ziv and Tishby (2017): a layer's activity vector is discretised
/// coordinate by coordinate into equal bins, the binned vector is one discrete symbol T, and I(T;X),
/// I(T;Y) are computed in bits from the counts (plug-in). Noise, when asked for, is Gaussian and
/// added before binning, as in the neurashed paper's Fig. 5.
/// </summary>
public static class MutualInformation
{
    /// <summary>
    /// Adds N(0, σ²) noise to <paramref name="rows"/> (n × dims, row-major), bins each coordinate into
    /// <paramref name="bins"/> bins over [low, high] (the observed range of the noisy values when not
    /// given; values outside are put in the end bins), and returns I(T;X) and I(T;Y) in bits.
    /// </summary>
    public static (double Input, double Label) Binned(Span<double> rows, int dims, ReadOnlySpan<int> inputs, ReadOnlySpan<int> labels,
        int bins, double noise = 0, ulong seed = 0, double? low = null, double? high = null)
    {
        if (noise > 0)
            AddGaussianNoise(rows, noise, seed);
        var (observedLow, observedHigh) = ObservedRange(rows);
        var symbols = new long[rows.Length / dims];
        BinRows(rows, dims, bins, low ?? observedLow, high ?? observedHigh, symbols);
        return (Plugin(symbols, inputs), Plugin(symbols, labels));
    }

    /// <summary>The smallest and largest value; (0, 0) when empty.</summary>
    public static (double Low, double High) ObservedRange(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
            return (0, 0);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double v in values)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }
        return (low, high);
    }

    /// <summary>
    /// One symbol per row: the tuple of its coordinates' bin indices, hashed to 64 bits (two different
    /// tuples collide with probability about 2⁻⁶⁴ per pair, far below anything a count can show).
    /// A degenerate range (high ≤ low) puts every value in bin 0.
    /// </summary>
    public static void BinRows(ReadOnlySpan<double> rows, int dims, int bins, double low, double high, Span<long> symbols)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dims);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        if (rows.Length != symbols.Length * dims)
            throw new ArgumentException("rows must hold symbols.Length × dims values");
        double scale = high > low ? bins / (high - low) : 0;
        for (int r = 0; r < symbols.Length; r++)
        {
            ulong hash = 0x243F6A8885A308D3UL;
            var row = rows.Slice(r * dims, dims);
            for (int d = 0; d < dims; d++)
            {
                int bin = (int)Math.Clamp(Math.Floor((row[d] - low) * scale), 0, bins - 1);
                hash = SplitMix64.Mix(hash ^ ((ulong)bin * 0x9E3779B97F4A7C15UL + (ulong)d));
            }
            symbols[r] = (long)hash;
        }
    }

    /// <summary>I(A;B) = H(A) + H(B) − H(A,B) in bits from the empirical joint distribution of the pairs.</summary>
    public static double Plugin(ReadOnlySpan<long> a, ReadOnlySpan<int> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("one b per a");
        if (a.IsEmpty)
            return 0;
        var countA = new Dictionary<long, int>();
        var countB = new Dictionary<int, int>();
        var countAB = new Dictionary<(long, int), int>();
        for (int i = 0; i < a.Length; i++)
        {
            Increment(countA, a[i]);
            Increment(countB, b[i]);
            Increment(countAB, (a[i], b[i]));
        }
        double mi = Entropy(countA.Values, a.Length) + Entropy(countB.Values, a.Length) - Entropy(countAB.Values, a.Length);
        return Math.Max(0, mi); // rounding can leave −1e-16
    }

    /// <summary>Entropy in bits of the distribution with the given counts summing to <paramref name="total"/>.</summary>
    public static double Entropy(IEnumerable<int> counts, int total)
    {
        double sum = 0;
        foreach (int c in counts)
            sum += c * Math.Log2(c);
        return Math.Log2(total) - sum / total;
    }

    /// <summary>Adds independent N(0, σ²) noise (Box-Muller on a seeded stream).</summary>
    public static void AddGaussianNoise(Span<double> values, double sigma, ulong seed)
    {
        var random = new SplitMix64(seed);
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1 - random.NextDouble(); // (0, 1]: log is finite
            double u2 = random.NextDouble();
            double radius = sigma * Math.Sqrt(-2 * Math.Log(u1));
            values[i] += radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < values.Length)
                values[i + 1] += radius * Math.Sin(2 * Math.PI * u2);
        }
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
