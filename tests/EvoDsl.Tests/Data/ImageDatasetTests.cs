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
        WriteHalf(ImageDataset.TestImagesFile, ImageDataset.TestLabelsFile, 2, 2);
    }

    [Fact]
    public void LoadsBothHalves()
    {
        WriteValidDataset();

        var (train, test) = ImageDataset.Load(_temp.Path);

        Assert.Equal((5, 3, 2), (train.Count, train.Rows, train.Columns));
        Assert.Equal((2, 3, 2), (test.Count, test.Rows, test.Columns));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, train.Labels);
        Assert.Equal(7, train.Pixels[7]);
        Assert.Equal(12, test.Pixels.Length);
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
        WriteHalf(ImageDataset.TestImagesFile, ImageDataset.TestLabelsFile, 2, 2, rows: 2, cols: 2);

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
