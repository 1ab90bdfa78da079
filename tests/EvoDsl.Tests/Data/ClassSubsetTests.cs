using EvoDsl.Data;
using Xunit;

namespace EvoDsl.Tests.Data;

public sealed class ClassSubsetTests
{
    private const int Features = 3;

    /// <summary>200 examples labelled i % 10 (so 20 per class); pixel 0 holds the example index so tests can trace it.</summary>
    private static LabeledImages Source(int count = 200, int labelModulus = 10)
    {
        var pixels = new byte[count * Features];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            pixels[i * Features] = (byte)i;
            pixels[i * Features + 1] = 255;
            pixels[i * Features + 2] = 51;
            labels[i] = (byte)(i % labelModulus);
        }
        return new LabeledImages(count, 1, Features, pixels, labels);
    }

    private static int[] OriginalIndices(ClassSubset subset)
    {
        var indices = new int[subset.Count];
        for (int r = 0; r < subset.Count; r++)
            indices[r] = (int)MathF.Round(subset.Pixels[r * subset.Features] * 255f);
        return indices;
    }

    [Fact]
    public void PerClassKeepsExactlyThatManyOfEachClassWithRemappedLabels()
    {
        var subset = ClassSubset.Create(Source(), [7, 2, 5], perClass: 4, seed: 42, "synthetic");

        Assert.Equal((12, Features, 3), (subset.Count, subset.Features, subset.Classes));
        Assert.Equal(new[] { 7, 2, 5 }, subset.Digits);
        Assert.Equal(12 * Features, subset.Pixels.Length);
        for (int k = 0; k < 3; k++)
            Assert.Equal(4, subset.Labels.Count(label => label == k));
        int[] original = OriginalIndices(subset);
        for (int r = 0; r < subset.Count; r++)
            Assert.Equal(subset.Digits[subset.Labels[r]], original[r] % 10);
        Assert.Equal(original.Order(), original); // file order
        Assert.Equal(original.Length, original.Distinct().Count());
    }

    [Fact]
    public void PixelsAreScaledToUnitInterval()
    {
        var subset = ClassSubset.Create(Source(), [0, 1], perClass: 0, seed: 0, "synthetic");

        Assert.All(subset.Pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1f, subset.Pixels[1]);
        Assert.Equal(51 / 255f, subset.Pixels[2]);
        Assert.Equal(0f, subset.Pixels[0]); // example 0 stores its index 0
    }

    [Fact]
    public void PerClassZeroKeepsAllExamplesOfKeptClassesInFileOrder()
    {
        var subset = ClassSubset.Create(Source(), [3, 1], perClass: 0, seed: 9, "synthetic");

        Assert.Equal(40, subset.Count);
        int[] original = OriginalIndices(subset);
        Assert.Equal([1, 3, 11, 13, 21], original[..5]);
        Assert.Equal([1, 0, 1, 0, 1], subset.Labels[..5]); // 3 is class 0, 1 is class 1
    }

    [Fact]
    public void SameSeedGivesSameSubset()
    {
        var a = ClassSubset.Create(Source(), [0, 1, 2], perClass: 5, seed: 123, "synthetic");
        var b = ClassSubset.Create(Source(), [0, 1, 2], perClass: 5, seed: 123, "synthetic");

        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Labels, b.Labels);
    }

    [Fact]
    public void DifferentSeedGivesDifferentSubset()
    {
        var a = ClassSubset.Create(Source(), [0, 1, 2], perClass: 5, seed: 1, "synthetic");
        var b = ClassSubset.Create(Source(), [0, 1, 2], perClass: 5, seed: 2, "synthetic");

        Assert.NotEqual(OriginalIndices(a), OriginalIndices(b));
    }

    [Fact]
    public void DrawReachesEveryExampleOfAClass()
    {
        var seen = new HashSet<int>();
        for (ulong seed = 0; seed < 300; seed++)
            seen.UnionWith(OriginalIndices(ClassSubset.Create(Source(), [4], perClass: 1, seed, "synthetic")));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 10 + 4), seen.Order());
    }

    [Fact]
    public void MissingClassNamesSourceAndClass()
    {
        var source = Source(labelModulus: 7); // labels 0..6 only

        var error = Assert.Throws<EvoDslException>(() =>
            ClassSubset.Create(source, DigitSet.Parse("0-9"), perClass: 0, seed: 0, "mnist-train"));

        Assert.Contains("'mnist-train' has 0 examples of class 7", error.Message);
        Assert.Contains("digits 0-9", error.Message);
    }

    [Fact]
    public void TooFewExamplesNamesCountsAndClass()
    {
        var error = Assert.Throws<EvoDslException>(() =>
            ClassSubset.Create(Source(), [2], perClass: 21, seed: 0, "mnist-test"));

        Assert.Contains("'mnist-test' has 20 examples of class 2", error.Message);
        Assert.Contains("21 per class", error.Message);
    }
}
