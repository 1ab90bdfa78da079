using EvoDsl.Data;
using Xunit;

namespace EvoDsl.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] Pixels(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i * 7 + 3))];

    [Fact]
    public void WrittenImagesAndLabelsReadBack()
    {
        string images = _temp.File("images");
        string labels = _temp.File("labels");
        byte[] pixels = Pixels(3 * 2 * 4);
        IdxFile.WriteImages(images, rows: 2, cols: 4, pixels);
        IdxFile.WriteLabels(labels, [9, 0, 255]);

        IdxImages read = IdxFile.ReadImages(images);

        Assert.Equal((3, 2, 4, 8), (read.Count, read.Rows, read.Columns, read.PixelsPerImage));
        Assert.Equal(pixels, read.Pixels);
        Assert.Equal(new byte[] { 9, 0, 255 }, IdxFile.ReadLabels(labels));
        Assert.Equal(16 + 24, new FileInfo(images).Length);
    }

    [Fact]
    public void LabelFilePassedAsImagesNamesMagic()
    {
        string labels = _temp.File("labels-as-images");
        IdxFile.WriteLabels(labels, new byte[20]);

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadImages(labels));

        Assert.Contains("labels-as-images", error.Message);
        Assert.Contains("magic", error.Message);
        Assert.Contains("0x00000801", error.Message);
        Assert.Contains("label file", error.Message);
    }

    [Fact]
    public void ImageFilePassedAsLabelsNamesMagic()
    {
        string images = _temp.File("images-as-labels");
        IdxFile.WriteImages(images, 2, 2, Pixels(4));

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadLabels(images));

        Assert.Contains("images-as-labels", error.Message);
        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void TruncatedImagesReportExpectedAndFoundLength()
    {
        string images = _temp.File("cut-images");
        IdxFile.WriteImages(images, 2, 2, Pixels(12));
        byte[] whole = File.ReadAllBytes(images);
        File.WriteAllBytes(images, whole[..^3]);

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadImages(images));

        Assert.Contains("cut-images", error.Message);
        Assert.Contains("truncated: expected 28 bytes, found 25", error.Message);
    }

    [Fact]
    public void TruncatedLabelsAreReported()
    {
        string labels = _temp.File("cut-labels");
        IdxFile.WriteLabels(labels, [1, 2, 3, 4]);
        File.WriteAllBytes(labels, File.ReadAllBytes(labels)[..^1]);

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadLabels(labels));

        Assert.Contains("cut-labels", error.Message);
        Assert.Contains("truncated: expected 12 bytes, found 11", error.Message);
    }

    [Fact]
    public void TrailingBytesAreReported()
    {
        string images = _temp.File("long-images");
        IdxFile.WriteImages(images, 2, 2, Pixels(8));
        File.AppendAllText(images, "xyz");

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadImages(images));

        Assert.Contains("long-images", error.Message);
        Assert.Contains("has 3 trailing bytes", error.Message);
    }

    [Fact]
    public void FileShorterThanHeaderIsReported()
    {
        string images = _temp.File("tiny");
        File.WriteAllBytes(images, [0, 0, 8, 3, 0, 0]);

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadImages(images));

        Assert.Contains("tiny", error.Message);
        Assert.Contains("6 bytes", error.Message);
        Assert.Contains("16-byte header", error.Message);
    }

    [Fact]
    public void NonPositiveDimensionIsReported()
    {
        string images = _temp.File("zero-rows");
        IdxFile.WriteImages(images, 2, 2, Pixels(4));
        byte[] data = File.ReadAllBytes(images);
        data[11] = 0; // rows = 0
        File.WriteAllBytes(images, data);

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadImages(images));

        Assert.Contains("zero-rows", error.Message);
        Assert.Contains("row count 0", error.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string missing = _temp.File("no-such-file");

        var error = Assert.Throws<EvoDslException>(() => IdxFile.ReadImages(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }
}
