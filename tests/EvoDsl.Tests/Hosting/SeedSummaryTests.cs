using EvoDsl.Hosting;
using Xunit;

namespace EvoDsl.Tests.Hosting;

/// <summary>The statistics over seeds on the results pages, against values computed by hand (t quantiles from a printed table).</summary>
public sealed class SeedSummaryTests
{
    [Fact]
    public void OneTwoThreeHasMeanTwoSpreadOneAndTheTwoDegreesOfFreedomInterval()
    {
        SeedSummary summary = SeedSummary.Of([1, 2, 3]);

        Assert.Equal(3, summary.Count);
        Assert.Equal(2, summary.Mean, 12);
        Assert.Equal(1, summary.StandardDeviation, 12); // sample s: √((1 + 0 + 1) / 2)
        // t(2, 0.975) = 4.302653; half-width 4.302653 · 1 / √3 = 2.484138
        Assert.Equal(2 - 2.484138, summary.Low, 5);
        Assert.Equal(2 + 2.484138, summary.High, 5);
        Assert.True(summary.HasInterval);
    }

    [Fact]
    public void EightValuesUseSevenDegreesOfFreedom()
    {
        SeedSummary summary = SeedSummary.Of([2, 4, 4, 4, 5, 5, 7, 9]);

        Assert.Equal(5, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), summary.StandardDeviation, 12); // Σ(v − 5)² = 32, n − 1 = 7
        // t(7, 0.975) = 2.364624; half-width 2.364624 · 2.138090 / √8 = 1.787488
        Assert.Equal(5 - 1.787488, summary.Low, 5);
        Assert.Equal(5 + 1.787488, summary.High, 5);
    }

    [Fact]
    public void ANinetyPercentIntervalUsesItsOwnQuantile()
    {
        // t(2, 0.95) = 2.919986; half-width 2.919986 / √3 = 1.685854
        SeedSummary summary = SeedSummary.Of([1, 2, 3], level: 0.90);
        Assert.Equal(2 + 1.685854, summary.High, 5);
        Assert.Equal(0.90, summary.Level);
    }

    [Theory]
    [InlineData(2, 12.706205)] // one degree of freedom
    [InlineData(3, 4.302653)]
    [InlineData(8, 2.364624)]
    [InlineData(31, 2.042272)]
    public void TheQuantileIsStudentsTAtNMinusOneDegreesOfFreedom(int count, double t) =>
        Assert.Equal(t, SeedSummary.Quantile(count), 5);

    [Theory]
    [InlineData(2.0, true)]
    [InlineData(4.48, true)]
    [InlineData(4.49, false)]
    [InlineData(-0.48, true)]
    [InlineData(-0.49, false)]
    [InlineData(96, false)]
    public void ContainsIsTheIntervalEndsIncluded(double value, bool inside) =>
        Assert.Equal(inside, SeedSummary.Of([1, 2, 3]).Contains(value));

    [Fact]
    public void EqualValuesGiveAPointInterval()
    {
        SeedSummary summary = SeedSummary.Of([90.5, 90.5, 90.5]);
        Assert.Equal(0, summary.StandardDeviation);
        Assert.Equal(90.5, summary.Low);
        Assert.Equal(90.5, summary.High);
        Assert.True(summary.Contains(90.5));
        Assert.False(summary.Contains(90.51));
    }

    [Fact]
    public void OneSeedHasAMeanButNoInterval()
    {
        SeedSummary summary = SeedSummary.Of([92.51]);
        Assert.Equal(92.51, summary.Mean);
        Assert.False(summary.HasInterval);
        Assert.True(double.IsNaN(summary.StandardDeviation));
        Assert.Throws<InvalidOperationException>(() => summary.Contains(92.51));
    }

    [Fact]
    public void NoValuesOrALevelOutsideZeroToOneIsRefused()
    {
        Assert.Throws<ArgumentException>(() => SeedSummary.Of([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedSummary.Of([1, 2], level: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedSummary.Of([1, 2], level: 0));
    }

    [Fact]
    public void WelchsIntervalOfADifferenceUsesTheSatterthwaiteDegreesOfFreedom()
    {
        // (1, 2, 3) − (4, 6, 8): d = −4; standard error √(1/3 + 4/3) = 1.290994; ν = (5/3)² / ((1/3)²/2 + (4/3)²/2) = 50/17;
        // t(50/17, 0.975) = 3.218759 (the t density integrated by Simpson's rule); half-width 4.155400.
        var (difference, low, high) = SeedSummary.Of([1, 2, 3]).DifferenceFrom(SeedSummary.Of([4, 6, 8]));
        Assert.Equal(-4, difference, 12);
        Assert.Equal(-4 - 4.155400, low, 4);
        Assert.Equal(-4 + 4.155400, high, 4);
        Assert.Throws<InvalidOperationException>(() => SeedSummary.Of([1]).DifferenceFrom(SeedSummary.Of([1, 2])));
    }
}
