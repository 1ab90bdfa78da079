using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Kernels;

public sealed class SplitMix64Tests
{
    [Fact]
    public void MatchesReferenceSequence()
    {
        // Vigna's splitmix64.c seeded with 1234567.
        var random = new SplitMix64(1234567);

        Assert.Equal(6457827717110365317UL, random.Next());
        Assert.Equal(3203168211198807973UL, random.Next());
        Assert.Equal(9817491932198370423UL, random.Next());
    }

    [Fact]
    public void UnitIntervalDrawsStayInRange()
    {
        var random = new SplitMix64(7);
        double sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            float f = random.NextFloat();
            double d = random.NextDouble();
            Assert.InRange(f, 0f, 0.99999994f);
            Assert.InRange(d, 0.0, 0.9999999999999999);
            sum += d;
        }
        Assert.InRange(sum / 10_000, 0.48, 0.52);
    }

    [Fact]
    public void NextIntCoversBoundEvenly()
    {
        var random = new SplitMix64(3);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
            counts[random.NextInt(7)]++;

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
