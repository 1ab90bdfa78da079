namespace EvoDsl.Data;

/// <summary>An image file paired with its label file, checked to agree, as raw bytes.</summary>
public sealed class LabeledImages
{
    /// <summary>Pairs images with labels; callers outside <see cref="ImageDataset"/> must check the counts themselves.</summary>
    public LabeledImages(int count, int rows, int columns, byte[] pixels, byte[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (pixels.Length != (long)count * rows * columns)
            throw new ArgumentException($"pixels holds {pixels.Length} bytes, not count*rows*columns = {(long)count * rows * columns}.", nameof(pixels));
        if (labels.Length != count)
            throw new ArgumentException($"labels holds {labels.Length} entries, not count = {count}.", nameof(labels));
        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>Number of examples.</summary>
    public int Count { get; }

    /// <summary>Image height in pixels.</summary>
    public int Rows { get; }

    /// <summary>Image width in pixels.</summary>
    public int Columns { get; }

    /// <summary>Count × Rows × Columns bytes, row-major, image after image, as stored in the IDX file.</summary>
    public byte[] Pixels { get; }

    /// <summary>One class label per example.</summary>
    public byte[] Labels { get; }

    /// <summary>Bytes per image.</summary>
    public int PixelsPerImage => Rows * Columns;
}

/// <summary>Loads a folder in MNIST's layout, so any IDX data set (e.g. Fashion-MNIST) takes the same path.</summary>
public static class ImageDataset
{
    /// <summary>File name of the training images.</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte";

    /// <summary>File name of the training labels.</summary>
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";

    /// <summary>File name of the test images.</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte";

    /// <summary>File name of the test labels.</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>The four files a data folder must hold, in the order messages list them.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile];

    /// <summary>Loads and cross-checks the train and test halves of an IDX data folder.</summary>
    public static (LabeledImages Train, LabeledImages Test) Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new EvoDslException(
                $"data directory '{directory}' does not exist; pass --data with a folder holding the four IDX files {string.Join(", ", FileNames)}.");
        foreach (string name in FileNames)
        {
            if (!File.Exists(Path.Combine(directory, name)))
                throw new EvoDslException(
                    $"data directory '{directory}' has no file '{name}'; it must hold the four IDX files {string.Join(", ", FileNames)} (uncompressed).");
        }
        LabeledImages train = LoadPair(directory, TrainImagesFile, TrainLabelsFile);
        LabeledImages test = LoadPair(directory, TestImagesFile, TestLabelsFile);
        if (train.Rows != test.Rows || train.Columns != test.Columns)
            throw new EvoDslException(
                $"data directory '{directory}': '{TrainImagesFile}' has {train.Rows}x{train.Columns} images but '{TestImagesFile}' has {test.Rows}x{test.Columns}; both halves must come from the same data set.");
        CheckLabelsAgree(directory, train.Labels, test.Labels);
        return (train, test);
    }

    /// <summary>
    /// The data set's classes are the labels both halves hold; a label only one half holds (a 200 among
    /// MNIST's 0-9) is a damaged label, refused with the file and index instead of dropped in silence.
    /// </summary>
    private static void CheckLabelsAgree(string directory, byte[] trainLabels, byte[] testLabels)
    {
        int[] inTrain = Counts(trainLabels), inTest = Counts(testLabels);
        // Of the labels one half lacks, the rarest is the damaged one (a replaced label 3 leaves 3 used once).
        (int Count, byte[] Labels, string Name, string Other, int Label)? rarest = null;
        for (int label = 0; label < 256; label++)
        {
            if (inTrain[label] > 0 && inTest[label] == 0 && (rarest is null || inTrain[label] < rarest.Value.Count))
                rarest = (inTrain[label], trainLabels, TrainLabelsFile, TestLabelsFile, label);
            if (inTest[label] > 0 && inTrain[label] == 0 && (rarest is null || inTest[label] < rarest.Value.Count))
                rarest = (inTest[label], testLabels, TestLabelsFile, TrainLabelsFile, label);
        }
        if (rarest is not { } bad)
            return;
        int index = Array.IndexOf(bad.Labels, (byte)bad.Label);
        throw new EvoDslException(
            $"'{Path.Combine(directory, bad.Name)}' gives example {index} the label {bad.Label} ({bad.Count} example(s) in all), which '{bad.Other}' never uses; "
            + "a class must appear in both halves, so the label is damaged: fix the file, or pass --data with a good copy.");
    }

    private static int[] Counts(byte[] labels)
    {
        var counts = new int[256];
        foreach (byte label in labels)
            counts[label]++;
        return counts;
    }

    /// <summary>
    /// The SHA-256 of the four files' contents (of their SHA-256 values, in <see cref="FileNames"/> order): what a
    /// checkpoint records of its data, so resuming on replaced files under the same path is refused.
    /// </summary>
    public static string Sha256(string directory) =>
        CombinedSha256(FileNames.Select(name => FileSha256(Path.Combine(directory, name))));

    /// <summary>The data set's hash from its four files' SHA-256 values, in <see cref="FileNames"/> order.</summary>
    internal static string CombinedSha256(IEnumerable<string> fileSha256)
    {
        var hashes = new System.Text.StringBuilder();
        foreach ((string sha256, string name) in fileSha256.Zip(FileNames))
            hashes.Append(sha256).Append(' ').Append(name).Append('\n');
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hashes.ToString())));
    }

    /// <summary>Lower-case hex SHA-256 of a file, streamed so 47 MB is never held twice.</summary>
    internal static string FileSha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    private static LabeledImages LoadPair(string directory, string imagesName, string labelsName)
    {
        string imagesPath = Path.Combine(directory, imagesName);
        string labelsPath = Path.Combine(directory, labelsName);
        IdxImages images = IdxFile.ReadImages(imagesPath);
        byte[] labels = IdxFile.ReadLabels(labelsPath);
        if (labels.Length != images.Count)
            throw new EvoDslException(
                $"'{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Length} labels; the counts must match, so the files are from different data sets or damaged.");
        return new LabeledImages(images.Count, images.Rows, images.Columns, images.Pixels, labels);
    }
}
