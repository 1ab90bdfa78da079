using MathNet.Numerics.Distributions;

namespace EvoDsl.Hosting;

/// <summary>
/// One result over n seeds: the mean, the sample standard deviation s (n − 1 in the denominator) and the
/// two-sided Student-t confidence interval of the mean, mean ± t(n − 1, (1 + level)/2)·s/√n.
/// One seed has no spread and no interval.
/// </summary>
public sealed record SeedSummary(int Count, double Mean, double StandardDeviation, double Low, double High, double Level)
{
    /// <summary>The level the results pages use.</summary>
    public const double Confidence95 = 0.95;

    public static SeedSummary Of(IReadOnlyList<double> values, double level = Confidence95)
    {
        if (values.Count == 0)
            throw new ArgumentException("a summary over seeds needs at least one value", nameof(values));
        if (level is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(level), level, "a confidence level lies strictly between 0 and 1");
        int n = values.Count;
        double mean = values.Average();
        if (n == 1)
            return new SeedSummary(1, mean, double.NaN, double.NaN, double.NaN, level);
        double s = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        double halfWidth = Quantile(n, level) * s / Math.Sqrt(n);
        return new SeedSummary(n, mean, s, mean - halfWidth, mean + halfWidth, level);
    }

    /// <summary>t of the interval over <paramref name="count"/> seeds: the (1 + level)/2 quantile of Student's t with count − 1 degrees of freedom.</summary>
    public static double Quantile(int count, double level = Confidence95) => StudentT.InvCDF(0, 1, count - 1, (1 + level) / 2);

    /// <summary>Whether there is an interval at all: two seeds or more.</summary>
    public bool HasInterval => Count > 1;

    /// <summary>Whether <paramref name="value"/> lies inside the interval, ends included.</summary>
    public bool Contains(double value) => HasInterval
        ? Low <= value && value <= High
        : throw new InvalidOperationException("one seed has no interval");
}
