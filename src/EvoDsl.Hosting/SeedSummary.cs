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

    /// <summary>
    /// Welch's interval of the difference of two means, this one's minus <paramref name="other"/>'s: d ± t(ν)·√(s₁²/n₁ + s₂²/n₂),
    /// ν by Welch–Satterthwaite. An interval that excludes 0 says the difference is not the seeds' noise at this level.
    /// </summary>
    public (double Difference, double Low, double High) DifferenceFrom(SeedSummary other)
    {
        if (!HasInterval || !other.HasInterval)
            throw new InvalidOperationException("a difference of means needs two seeds or more on each side");
        double a = StandardDeviation * StandardDeviation / Count, b = other.StandardDeviation * other.StandardDeviation / other.Count;
        double difference = Mean - other.Mean, error = Math.Sqrt(a + b);
        if (error == 0)
            return (difference, difference, difference);
        double freedom = (a + b) * (a + b) / (a * a / (Count - 1) + b * b / (other.Count - 1));
        double halfWidth = StudentT.InvCDF(0, 1, freedom, (1 + Level) / 2) * error;
        return (difference, difference - halfWidth, difference + halfWidth);
    }

    /// <summary>Whether there is an interval at all: two seeds or more.</summary>
    public bool HasInterval => Count > 1;

    /// <summary>Whether <paramref name="value"/> lies inside the interval, ends included.</summary>
    public bool Contains(double value) => HasInterval
        ? Low <= value && value <= High
        : throw new InvalidOperationException("one seed has no interval");
}
