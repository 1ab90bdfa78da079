using EvoDsl.Data;
using Xunit;

namespace EvoDsl.Tests.Data;

public sealed class ImageDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private void WriteHalf(string imagesName, string labelsName, int images, int labels, int rows = 3, int cols = 2)
    {
        var pixels = new byte[images * rows * cols];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)i;
        var labelBytes = new byte[labels];
        for (int i = 0; i < labels; i++)
            labelBytes[i] = (byte)(i % 10);
        IdxFile.WriteImages(_temp.File(imagesName), rows, cols, pixels);
        IdxFile.WriteLabels(_temp.File(labelsName), labelBytes);
    }

    private void WriteValidDataset()
    {
        WriteHalf(ImageDataset.TrainImagesFile, ImageDataset.TrainLabelsFile, 5, 5);
        WriteHalf(ImageDataset.TestImagesFile, ImageDataset.TestLabelsFile, 5, 5);
    }

    [Fact]
    public void LoadsBothHalves()
    {
        WriteValidDataset();

        var (train, test) = ImageDataset.Load(_temp.Path);

        Assert.Equal((5, 3, 2), (train.Count, train.Rows, train.Columns));
        Assert.Equal((5, 3, 2), (test.Count, test.Rows, test.Columns));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, train.Labels);
        Assert.Equal(7, train.Pixels[7]);
        Assert.Equal(30, test.Pixels.Length);
    }

    [Theory]
    [InlineData(ImageDataset.TrainLabelsFile, ImageDataset.TestLabelsFile)]
    [InlineData(ImageDataset.TestLabelsFile, ImageDataset.TrainLabelsFile)]
    public void ALabelOnlyOneHalfUsesIsRefusedWithFileAndIndex(string damaged, string other)
    {
        WriteHalf(ImageDataset.TrainImagesFile, ImageDataset.TrainLabelsFile, 20, 20); // labels 0-9, twice each
        WriteHalf(ImageDataset.TestImagesFile, ImageDataset.TestLabelsFile, 20, 20);
        byte[] labels = IdxFile.ReadLabels(_temp.File(damaged));
        labels[3] = 200; // one flipped label among classes 0-4
        IdxFile.WriteLabels(_temp.File(damaged), labels);

        var error = Assert.Throws<EvoDslException>(() => ImageDataset.Load(_temp.Path));

        Assert.Contains(_temp.File(damaged), error.Message);
        Assert.Contains("example 3 the label 200", error.Message);
        Assert.Contains($"'{other}' never uses", error.Message);
    }

    [Fact]
    public void TheContentHashChangesWithAnyFileAndNotWithTheFolder()
    {
        WriteValidDataset();
        string before = ImageDataset.Sha256(_temp.Path);
        using var copy = new TempDirectory();
        foreach (string name in ImageDataset.FileNames)
            File.Copy(_temp.File(name), copy.File(name));
        Assert.Equal(before, ImageDataset.Sha256(copy.Path));

        WriteHalf(ImageDataset.TrainImagesFile, ImageDataset.TrainLabelsFile, 6, 6);
        Assert.NotEqual(before, ImageDataset.Sha256(_temp.Path));
    }

    [Fact]
    public void CountMismatchNamesBothFiles()
    {
        WriteValidDataset();
        WriteHalf(ImageDataset.TrainImagesFile, ImageDataset.TrainLabelsFile, images: 5, labels: 4);

        var error = Assert.Throws<EvoDslException>(() => ImageDataset.Load(_temp.Path));

        Assert.Contains(ImageDataset.TrainImagesFile, error.Message);
        Assert.Contains(ImageDataset.TrainLabelsFile, error.Message);
        Assert.Contains("5 images", error.Message);
        Assert.Contains("4 labels", error.Message);
    }

    [Fact]
    public void DimensionMismatchBetweenHalvesIsReported()
    {
        WriteValidDataset();
        WriteHalf(ImageDataset.TestImagesFile, ImageDataset.TestLabelsFile, 5, 5, rows: 2, cols: 2);

        var error = Assert.Throws<EvoDslException>(() => ImageDataset.Load(_temp.Path));

        Assert.Contains("3x2", error.Message);
        Assert.Contains("2x2", error.Message);
    }

    [Fact]
    public void MissingDirectoryIsNamed()
    {
        string missing = _temp.File("nowhere");

        var error = Assert.Throws<EvoDslException>(() => ImageDataset.Load(missing));

        Assert.Contains($"data directory '{missing}' does not exist", error.Message);
        Assert.Contains("--data", error.Message);
    }

    [Fact]
    public void MissingFileIsNamedAndAllFourListed()
    {
        WriteValidDataset();
        File.Delete(_temp.File(ImageDataset.TestLabelsFile));

        var error = Assert.Throws<EvoDslException>(() => ImageDataset.Load(_temp.Path));

        Assert.Contains($"no file '{ImageDataset.TestLabelsFile}'", error.Message);
        foreach (string name in ImageDataset.FileNames)
            Assert.Contains(name, error.Message);
    }
}
