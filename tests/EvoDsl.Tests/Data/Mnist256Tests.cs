using EvoDsl.Data;
using Xunit;

namespace EvoDsl.Tests.Data;

/// <summary>WANN's mnist256 preprocessing against values computed by hand (docs/wann.md §2).</summary>
public sealed class Mnist256Tests
{
    [Fact]
    public void ResizeWeighsTheTwoNearestSourcePixelsWithHalfPixelCentres()
    {
        // Destination (0, 0) samples source coordinate (0.5·1.75 − 0.5) = 0.375 on both axes.
        var source = new float[28 * 28];
        source[0] = 1;
        var resized = new double[Mnist256.Pixels];
        Mnist256.Resize(source, 28, resized);
        Assert.Equal(0.625 * 0.625, resized[0], 12);
        Assert.Equal(0.0, resized[1], 12); // destination x = 1 samples 2.125: taps 2 and 3

        // Destination 15 samples 26.625: taps 26 and 27, weights 0.375 and 0.625.
        Array.Clear(source);
        source[27 * 28 + 27] = 1;
        Mnist256.Resize(source, 28, resized);
        Assert.Equal(0.625 * 0.625, resized[Mnist256.Pixels - 1], 12);
    }

    [Fact]
    public void ResizeKeepsAConstantImage()
    {
        var resized = new double[Mnist256.Pixels];
        Mnist256.Resize(Enumerable.Repeat(0.4f, 28 * 28).ToArray(), 28, resized);
        Assert.All(resized, v => Assert.Equal(0.4, v, 6));
    }

    [Fact]
    public void DeskewStandsADiagonalStrokeUpright()
    {
        // Pixels (x = y) for y = 4..11: mean 7.5 on both axes, mu11 = mu02 = 2·(0.5² + 1.5² + 2.5² + 3.5²) = 42, so the
        // skew is 1 and destination(x, y) = source(x + y − 8, y): the stroke lands on column 8.
        var image = new double[Mnist256.Pixels];
        for (int y = 4; y <= 11; y++)
            image[y * 16 + y] = 1;
        Assert.Equal(1.0, Mnist256.Skew(image), 12);

        var deskewed = new double[Mnist256.Pixels];
        Mnist256.Deskew(image, deskewed);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 16; x++)
                Assert.Equal(x == 8 && y is >= 4 and <= 11 ? 1.0 : 0.0, deskewed[y * 16 + x], 12);
    }

    [Fact]
    public void DeskewInterpolatesAFractionalShear()
    {
        // Pixels (3, 6) and (5, 10): means x = 4, y = 8, mu11 = (−1)(−2) + (1)(2) = 4, mu02 = 8, skew 0.5.
        // Row 6 reads source x + 0.5·(6 − 8) = x − 1, so its pixel moves to x = 4; row 10 reads x + 1, moving to x = 4.
        var image = new double[Mnist256.Pixels];
        image[6 * 16 + 3] = 1;
        image[10 * 16 + 5] = 1;
        var deskewed = new double[Mnist256.Pixels];
        Mnist256.Deskew(image, deskewed);
        Assert.Equal(1.0, deskewed[6 * 16 + 4], 12);
        Assert.Equal(1.0, deskewed[10 * 16 + 4], 12);
        Assert.Equal(2.0, deskewed.Sum(), 12);
    }

    [Fact]
    public void ABlankOrOneRowImageStaysAsItIs()
    {
        var blank = new double[Mnist256.Pixels];
        Assert.True(double.IsNaN(Mnist256.Skew(blank)));
        var row = new double[Mnist256.Pixels];
        row[5 * 16 + 2] = row[5 * 16 + 9] = 1; // mu02 = 0
        var deskewed = new double[Mnist256.Pixels];
        Mnist256.Deskew(row, deskewed);
        Assert.Equal(row, deskewed);
    }

    [Fact]
    public void TransformResizesThenDeskewsEveryImage()
    {
        var images = new float[2 * 28 * 28];
        images[28 * 28 + 14 * 28 + 14] = 1; // the second image: one pixel near the centre
        float[] result = Mnist256.Transform(images, 28);
        Assert.Equal(2 * Mnist256.Pixels, result.Length);
        Assert.All(result.AsSpan(0, Mnist256.Pixels).ToArray(), v => Assert.Equal(0f, v));
        var resized = new double[Mnist256.Pixels];
        Mnist256.Resize(images.AsSpan(28 * 28), 28, resized);
        var deskewed = new double[Mnist256.Pixels];
        Mnist256.Deskew(resized, deskewed);
        Assert.Equal(deskewed.Select(v => (float)v), result.Skip(Mnist256.Pixels));
        Assert.Throws<ArgumentException>(() => Mnist256.Transform(new float[100], 28));
    }
}
