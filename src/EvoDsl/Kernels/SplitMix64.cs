namespace EvoDsl.Kernels;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a fixed, tiny generator so seeded runs stay reproducible
/// across .NET versions, unlike System.Random whose algorithm may change. A mutable struct: keep it
/// in a non-readonly field or local and pass it by ref.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>Next 64 uniformly distributed bits.</summary>
    public ulong Next()
    {
        _state += Gamma;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) from the top 24 bits, the exact precision of a float mantissa.</summary>
    public float NextFloat() => (Next() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform in [0, 1) from the top 53 bits, the exact precision of a double mantissa.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire 2019, multiply-shift with rejection).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        uint b = (uint)bound;
        ulong m = (Next() >> 32) * b;
        uint low = (uint)m;
        if (low < b)
        {
            uint threshold = (0u - b) % b;
            while (low < threshold)
            {
                m = (Next() >> 32) * b;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>
    /// <paramref name="order"/> = a permutation of 0..n−1 by Fisher–Yates from the identity, drawn from the
    /// stream <paramref name="key"/>: the order depends on the key alone (epoch orders, batch orders).
    /// </summary>
    public static void Shuffle(Span<int> order, ulong key)
    {
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        var random = new SplitMix64(key);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>The SplitMix64 finaliser; also turns structured seeds (seed ^ index) into independent ones.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
