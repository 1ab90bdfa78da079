namespace EvoDsl.Data;

/// <summary>
/// WANN's "mnist256" images (docs/wann.md §2): each 28 × 28 image resized to 16 × 16 by bilinear
/// interpolation with half-pixel centres (OpenCV's INTER_LINEAR), then deskewed: sheared along x so that its
/// intensity-weighted second moment mu11 becomes 0, about the fixed row y = 8, again bilinearly, with 0 outside.
/// The reference computes in float64 and OpenCV quantises the shear's weights to 1/32 pixel; this computes in
/// double with exact weights and stores float, so pixels can differ from the reference's in the last bits.
/// </summary>
public static class Mnist256
{
    /// <summary>Side of the resized image.</summary>
    public const int Side = 16;

    /// <summary>Pixels of the resized image, the inputs WANN's networks see.</summary>
    public const int Pixels = Side * Side;

    /// <summary>Below this |mu02| an image (blank, or a single row) is left unskewed, as the reference does.</summary>
    private const double FlatRows = 1e-2;

    /// <summary>Resizes and deskews every image of <paramref name="images"/> (Count × sourceSide², values in [0, 1]).</summary>
    public static float[] Transform(ReadOnlySpan<float> images, int sourceSide)
    {
        int sourcePixels = sourceSide * sourceSide;
        if (sourcePixels == 0 || images.Length % sourcePixels != 0)
            throw new ArgumentException($"{images.Length} values are not whole {sourceSide} × {sourceSide} images", nameof(images));
        int count = images.Length / sourcePixels;
        var result = new float[count * Pixels];
        Span<double> resized = stackalloc double[Pixels];
        Span<double> deskewed = stackalloc double[Pixels];
        for (int i = 0; i < count; i++)
        {
            Resize(images.Slice(i * sourcePixels, sourcePixels), sourceSide, resized);
            Deskew(resized, deskewed);
            Span<float> destination = result.AsSpan(i * Pixels, Pixels);
            for (int p = 0; p < Pixels; p++)
                destination[p] = (float)deskewed[p];
        }
        return result;
    }

    /// <summary>OpenCV's INTER_LINEAR from <paramref name="sourceSide"/>² to 16²: half-pixel centres, taps clamped at the border.</summary>
    public static void Resize(ReadOnlySpan<float> source, int sourceSide, Span<double> destination)
    {
        double scale = (double)sourceSide / Side;
        for (int y = 0; y < Side; y++)
        {
            (int y0, int y1, double wy) = Taps(y, scale, sourceSide);
            for (int x = 0; x < Side; x++)
            {
                (int x0, int x1, double wx) = Taps(x, scale, sourceSide);
                double top = (1 - wx) * source[y0 * sourceSide + x0] + wx * source[y0 * sourceSide + x1];
                double bottom = (1 - wx) * source[y1 * sourceSide + x0] + wx * source[y1 * sourceSide + x1];
                destination[y * Side + x] = (1 - wy) * top + wy * bottom;
            }
        }
    }

    /// <summary>The two source taps of destination coordinate <paramref name="d"/> and the weight of the second.</summary>
    private static (int First, int Second, double Weight) Taps(int d, double scale, int sourceSide)
    {
        double f = (d + 0.5) * scale - 0.5;
        int s = (int)Math.Floor(f);
        f -= s;
        if (s < 0)
            (s, f) = (0, 0);
        if (s >= sourceSide - 1)
            (s, f) = (sourceSide - 1, 0);
        return (s, Math.Min(s + 1, sourceSide - 1), f);
    }

    /// <summary>
    /// The shear of the reference's deskew: skew = mu11 / mu02 (central moments, x the column, y the row), and
    /// destination(x, y) = source(x + skew·(y − 8), y), linear along x, 0 outside.
    /// </summary>
    public static void Deskew(ReadOnlySpan<double> image, Span<double> destination)
    {
        double skew = Skew(image);
        if (double.IsNaN(skew))
        {
            image.CopyTo(destination);
            return;
        }
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                double sx = x + skew * (y - Side / 2);
                int x0 = (int)Math.Floor(sx);
                double w = sx - x0;
                destination[y * Side + x] = (1 - w) * At(image, x0, y) + w * At(image, x0 + 1, y);
            }
        }
    }

    /// <summary>mu11 / mu02 of the image, or NaN when |mu02| is below the reference's 1e-2 (the image stays as it is).</summary>
    public static double Skew(ReadOnlySpan<double> image)
    {
        double mass = 0, sumX = 0, sumY = 0;
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                double v = image[y * Side + x];
                mass += v;
                sumX += x * v;
                sumY += y * v;
            }
        if (mass == 0)
            return double.NaN;
        double meanX = sumX / mass, meanY = sumY / mass, mu11 = 0, mu02 = 0;
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                double v = image[y * Side + x];
                mu11 += (x - meanX) * (y - meanY) * v;
                mu02 += (y - meanY) * (y - meanY) * v;
            }
        return Math.Abs(mu02) < FlatRows ? double.NaN : mu11 / mu02;
    }

    private static double At(ReadOnlySpan<double> image, int x, int y) => x is >= 0 and < Side ? image[y * Side + x] : 0;
}
