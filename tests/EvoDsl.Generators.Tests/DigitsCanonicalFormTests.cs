using EvoDsl.Data;
using Shouldly;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>
/// The generator cannot reference the runtime, so it has its own copy of the digit-list grammar
/// (<c>Parser.CountClasses</c>); these tests keep it in step with <see cref="DigitSet"/>.
/// </summary>
public sealed class DigitsCanonicalFormTests
{
    [Theory]
    [InlineData("0-4")]
    [InlineData("0-9")]
    [InlineData("0,1,7")]
    [InlineData("0-2,5")]
    [InlineData("3")]
    [InlineData("7,6,5")]
    [InlineData("0,1")]
    [InlineData("1,0")]
    [InlineData("0-1,2")]
    [InlineData("4-4")]
    [InlineData("0-4,2-6")]
    [InlineData("9,0-2,4,5,6")]
    [InlineData(" 0 - 4 , 7 ")]
    [InlineData("250-255")]
    public void CanonicalSpellingMatchesDigitSetFormat(string text)
    {
        int[] labels = DigitSet.Parse(text);

        int? classes = ExperimentGenerator.Parser.CountClasses(text, out string canonical);

        classes.ShouldBe(labels.Length);
        canonical.ShouldBe(DigitSet.Format(labels));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0-x")]
    [InlineData("5-3")]
    [InlineData("0-256")]
    [InlineData("256")]
    [InlineData("0-2-4")]
    [InlineData("0,")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("1.5")]
    public void RejectsWhatDigitSetRejects(string text)
    {
        Should.Throw<EvoDslException>(() => DigitSet.Parse(text));

        ExperimentGenerator.Parser.CountClasses(text, out _).ShouldBeNull();
    }
}
