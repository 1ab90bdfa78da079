using System.Buffers.Binary;

namespace EvoDsl.Data;

/// <summary>Images of one IDX3 file; pixels are row-major, one byte each, image after image.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>Bytes per image, so callers never recompute Rows * Columns by hand.</summary>
    public int PixelsPerImage => Rows * Columns;
}

/// <summary>
/// Reads and writes the IDX format of MNIST (big-endian header, unsigned bytes), validating every
/// header field so a wrong or damaged file fails with a message instead of garbage data.
/// </summary>
public static class IdxFile
{
    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    private const int ImagesHeaderLength = 16;
    private const int LabelsHeaderLength = 8;

    /// <summary>Reads an IDX3 image file whole; MNIST train images are 47 MB, which fits in memory.</summary>
    public static IdxImages ReadImages(string path)
    {
        byte[] data = ReadAll(path, ImagesHeaderLength, "image");
        CheckMagic(path, data, ImagesMagic);
        int count = ReadDimension(path, data, 4, "image count");
        int rows = ReadDimension(path, data, 8, "row count");
        int columns = ReadDimension(path, data, 12, "column count");
        // Int128 because three positive int32 dimensions can overflow a long in a damaged header.
        CheckLength(path, data, ImagesHeaderLength + (Int128)count * rows * columns);
        return new IdxImages(count, rows, columns, data.AsSpan(ImagesHeaderLength).ToArray());
    }

    /// <summary>Reads an IDX1 label file whole.</summary>
    public static byte[] ReadLabels(string path)
    {
        byte[] data = ReadAll(path, LabelsHeaderLength, "label");
        CheckMagic(path, data, LabelsMagic);
        int count = ReadDimension(path, data, 4, "label count");
        CheckLength(path, data, LabelsHeaderLength + (Int128)count);
        return data.AsSpan(LabelsHeaderLength).ToArray();
    }

    /// <summary>Writes a valid IDX3 image file; tests and tools use it to build small data sets.</summary>
    public static void WriteImages(string path, int rows, int cols, ReadOnlySpan<byte> pixels)
    {
        if (rows <= 0 || cols <= 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows ({rows}) and cols ({cols}) must be positive.");
        int perImage = rows * cols;
        if (pixels.Length % perImage != 0)
            throw new ArgumentException($"pixel count {pixels.Length} is not a multiple of rows*cols = {perImage}.", nameof(pixels));
        Span<byte> header = stackalloc byte[ImagesHeaderLength];
        BinaryPrimitives.WriteInt32BigEndian(header, ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], pixels.Length / perImage);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], rows);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], cols);
        using FileStream stream = File.Create(path);
        stream.Write(header);
        stream.Write(pixels);
    }

    /// <summary>Writes a valid IDX1 label file.</summary>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels)
    {
        Span<byte> header = stackalloc byte[LabelsHeaderLength];
        BinaryPrimitives.WriteInt32BigEndian(header, LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], labels.Length);
        using FileStream stream = File.Create(path);
        stream.Write(header);
        stream.Write(labels);
    }

    private static byte[] ReadAll(string path, int headerLength, string kind)
    {
        if (!File.Exists(path))
            throw new EvoDslException($"IDX {kind} file '{path}' does not exist; check the path or the --data folder.");
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new EvoDslException($"IDX {kind} file '{path}' could not be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EvoDslException($"IDX {kind} file '{path}' could not be read (access denied); check its permissions.", e);
        }
        if (data.Length < headerLength)
            throw new EvoDslException(
                $"IDX {kind} file '{path}' is {data.Length} bytes, shorter than its {headerLength}-byte header; the file is truncated or not an IDX file, fetch it again.");
        return data;
    }

    private static void CheckMagic(string path, byte[] data, int expected)
    {
        int found = BinaryPrimitives.ReadInt32BigEndian(data);
        if (found == expected)
            return;
        string hint = found switch
        {
            LabelsMagic => " (that is a label file; pass the images file here)",
            ImagesMagic => " (that is an image file; pass the labels file here)",
            _ => " (not an uncompressed IDX file; if it is gzipped, unpack it first)",
        };
        throw new EvoDslException($"IDX file '{path}' has magic 0x{found:X8} but 0x{expected:X8} was expected{hint}.");
    }

    private static int ReadDimension(string path, byte[] data, int offset, string name)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset));
        if (value <= 0)
            throw new EvoDslException($"IDX file '{path}' declares {name} {value}; it must be positive, so the header is damaged — fetch the file again.");
        return value;
    }

    private static void CheckLength(string path, byte[] data, Int128 expected)
    {
        if (data.Length < expected)
            throw new EvoDslException($"IDX file '{path}' is truncated: expected {expected} bytes, found {data.Length}; fetch the file again.");
        if (data.Length > expected)
            throw new EvoDslException($"IDX file '{path}' has {data.Length - expected} trailing bytes after the {expected} its header declares; fetch the file again.");
    }
}
