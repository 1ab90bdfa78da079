using EvoDsl.Kernels;

namespace EvoDsl.Neurashed;

/// <summary>
/// How λ or η start (paper 002, §2: "zero, other constants, or random numbers"): each value is drawn
/// independently from Uniform(Low, High), which is the constant Low when Low = High.
/// </summary>
public readonly record struct InitialValues(double Low, double High)
{
    public static InitialValues Zero => new(0, 0);

    public static InitialValues Constant(double value) => new(value, value);

    public static InitialValues Uniform(double low, double high) => new(low, high);

    /// <summary>Fills <paramref name="values"/>; value i comes from its own stream, so it does not depend on the graph's size.</summary>
    public void Fill(Span<double> values, ulong seed, ulong purpose)
    {
        if (Low < 0 || High < Low)
            throw new EvoDslException($"Initial values need 0 ≤ low ≤ high; got Uniform({Low}, {High}).");
        for (int i = 0; i < values.Length; i++)
        {
            if (Low == High)
            {
                values[i] = Low;
                continue;
            }
            var random = new SplitMix64(Streams.Key(seed, purpose, (ulong)i));
            values[i] = Low + (High - Low) * random.NextDouble();
        }
    }

    public override string ToString() => Low == High ? $"Constant({Low})" : $"Uniform({Low}, {High})";
}
