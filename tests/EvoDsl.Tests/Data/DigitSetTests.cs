using EvoDsl.Data;
using Xunit;

namespace EvoDsl.Tests.Data;

public sealed class DigitSetTests
{
    [Theory]
    [InlineData("0-4", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("0-9", new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData("3", new[] { 3 })]
    [InlineData("0,1,7", new[] { 0, 1, 7 })]
    [InlineData("0-2,5", new[] { 0, 1, 2, 5 })]
    [InlineData(" 7, 1 ,0,1 ", new[] { 0, 1, 7 })]
    [InlineData("4-6,0-2", new[] { 0, 1, 2, 4, 5, 6 })]
    [InlineData("250-255", new[] { 250, 251, 252, 253, 254, 255 })]
    public void ParseGivesSortedDistinctLabels(string text, int[] expected) =>
        Assert.Equal(expected, DigitSet.Parse(text));

    [Theory]
    [InlineData("0-4")]
    [InlineData("0-9")]
    [InlineData("3")]
    [InlineData("0,1,7")]
    [InlineData("0-2,5")]
    [InlineData("0,1,3-5,9")]
    public void CanonicalTextRoundTrips(string text) =>
        Assert.Equal(text, DigitSet.Format(DigitSet.Parse(text)));

    [Theory]
    [InlineData(new[] { 5, 0, 2, 1 }, "0-2,5")]
    [InlineData(new[] { 1, 0 }, "0,1")]
    [InlineData(new[] { 3, 3, 4, 5 }, "3-5")]
    public void FormatCanonicalises(int[] digits, string expected) =>
        Assert.Equal(expected, DigitSet.Format(digits));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a")]
    [InlineData("0-")]
    [InlineData("-3")]
    [InlineData("0,,1")]
    [InlineData("1-2-3")]
    [InlineData("256")]
    [InlineData("0-300")]
    [InlineData("+1")]
    public void BadTextExplainsAcceptedForms(string text)
    {
        var error = Assert.Throws<EvoDslException>(() => DigitSet.Parse(text));

        Assert.Contains("\"0-2,5\"", error.Message);
    }

    [Fact]
    public void ReversedRangeSuggestsTheFix()
    {
        var error = Assert.Throws<EvoDslException>(() => DigitSet.Parse("4-0"));

        Assert.Contains("'0-4'", error.Message);
    }
}
