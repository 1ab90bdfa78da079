using EvoDsl.Kernels;

namespace EvoDsl.Data;

/// <summary>
/// The examples of some classes ("MNIST 0-4"), pixels scaled to [0, 1] and labels renumbered
/// 0..Classes−1, the form every algorithm trains and evaluates on.
/// </summary>
public sealed class ClassSubset
{
    private ClassSubset(int count, int features, int[] digits, float[] pixels, int[] labels)
    {
        Count = count;
        Features = features;
        Digits = digits;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>No examples: the data of a run whose learning system brings its own inputs (a neurashed).</summary>
    public static ClassSubset None { get; } = new(0, 0, [], [], []);

    /// <summary>Number of examples kept.</summary>
    public int Count { get; }

    /// <summary>Inputs per example (rows × columns).</summary>
    public int Features { get; }

    /// <summary>Number of classes K.</summary>
    public int Classes => Digits.Length;

    /// <summary>Count × Features values in [0, 1], row-major, example after example.</summary>
    public float[] Pixels { get; }

    /// <summary>Class index per example: the position of its original label in <see cref="Digits"/>.</summary>
    public int[] Labels { get; }

    /// <summary>The original labels kept, so class index k means label Digits[k].</summary>
    public int[] Digits { get; }

    /// <summary>The same examples with other pixels: <paramref name="features"/> per example, e.g. resized images.</summary>
    public ClassSubset WithPixels(float[] pixels, int features)
    {
        if (pixels.Length != Count * features)
            throw new ArgumentException($"{pixels.Length} values are not {Count} examples of {features} features", nameof(pixels));
        return new ClassSubset(Count, features, Digits, pixels, Labels);
    }

    /// <summary>
    /// Keeps the examples of <paramref name="digits"/>: all of them when <paramref name="perClass"/> is 0,
    /// else exactly <paramref name="perClass"/> per class drawn uniformly without replacement. Either way the
    /// kept examples stay in file order, so the order never depends on the draw.
    /// </summary>
    public static ClassSubset Create(LabeledImages source, ReadOnlySpan<int> digits, int perClass, ulong seed, string sourceName)
    {
        if (perClass < 0)
            throw new EvoDslException($"per-class count {perClass} for the data set '{sourceName}' is negative; use 0 for all examples or a positive count.");
        if (digits.IsEmpty)
            throw new EvoDslException($"no digits were declared for the data set '{sourceName}'; declare at least one class, e.g. Digits = \"0-9\".");

        // classOf[label] = class index, or -1 when the label is not kept.
        Span<int> classOf = stackalloc int[DigitSet.MaxLabel + 1];
        classOf.Fill(-1);
        for (int k = 0; k < digits.Length; k++)
        {
            int digit = digits[k];
            if (digit is < 0 or > DigitSet.MaxLabel)
                throw new EvoDslException($"class {digit} declared for the data set '{sourceName}' is outside 0..{DigitSet.MaxLabel}; IDX labels are single bytes.");
            if (classOf[digit] >= 0)
                throw new EvoDslException($"class {digit} is declared twice for the data set '{sourceName}'; list each class once.");
            classOf[digit] = k;
        }

        byte[] labels = source.Labels;
        var available = new int[digits.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int k = classOf[labels[i]];
            if (k >= 0)
                available[k]++;
        }
        for (int k = 0; k < digits.Length; k++)
        {
            if (available[k] == 0)
                throw new EvoDslException(
                    $"the data set '{sourceName}' has 0 examples of class {digits[k]} but the experiment declares digits {DigitSet.Format(digits)}; check --data or the declaration's Digits.");
            if (available[k] < perClass)
                throw new EvoDslException(
                    $"the data set '{sourceName}' has {available[k]} examples of class {digits[k]} but the experiment asks for {perClass} per class; lower the per-class count or check --data.");
        }

        bool[] keep = perClass == 0 ? KeepAll(labels, classOf) : Draw(labels, classOf, digits, available, perClass, seed);
        int count = 0;
        for (int i = 0; i < keep.Length; i++)
        {
            if (keep[i])
                count++;
        }

        int features = source.PixelsPerImage;
        var pixels = new float[(long)count * features];
        var classIndex = new int[count];
        byte[] sourcePixels = source.Pixels;
        int row = 0;
        for (int i = 0; i < keep.Length; i++)
        {
            if (!keep[i])
                continue;
            classIndex[row] = classOf[labels[i]];
            ReadOnlySpan<byte> from = sourcePixels.AsSpan(i * features, features);
            Span<float> to = pixels.AsSpan(row * features, features);
            for (int j = 0; j < features; j++)
                to[j] = from[j] / 255f;
            row++;
        }
        return new ClassSubset(count, features, digits.ToArray(), pixels, classIndex);
    }

    private static bool[] KeepAll(byte[] labels, ReadOnlySpan<int> classOf)
    {
        var keep = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            keep[i] = classOf[labels[i]] >= 0;
        return keep;
    }

    private static bool[] Draw(byte[] labels, ReadOnlySpan<int> classOf, ReadOnlySpan<int> digits, int[] available, int perClass, ulong seed)
    {
        // Example indices grouped by class, each group in file order.
        var members = new int[digits.Length][];
        var filled = new int[digits.Length];
        for (int k = 0; k < digits.Length; k++)
            members[k] = new int[available[k]];
        for (int i = 0; i < labels.Length; i++)
        {
            int k = classOf[labels[i]];
            if (k >= 0)
                members[k][filled[k]++] = i;
        }

        var keep = new bool[labels.Length];
        for (int k = 0; k < digits.Length; k++)
        {
            // One stream per class, keyed by the label (not its position), so adding a class leaves the others' draws unchanged.
            var random = new SplitMix64(SplitMix64.Mix(seed) ^ (ulong)digits[k]);
            int[] group = members[k];
            for (int i = 0; i < perClass; i++)
            {
                // Partial Fisher–Yates: group[0..i] is a uniform sample without replacement.
                int j = i + random.NextInt(group.Length - i);
                (group[i], group[j]) = (group[j], group[i]);
                keep[group[i]] = true;
            }
        }
        return keep;
    }
}
