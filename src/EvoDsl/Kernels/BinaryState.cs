using System.Runtime.InteropServices;

namespace EvoDsl.Kernels;

/// <summary>Checkpoint helpers: a buffer written with its length, and read back only into a buffer of that length.</summary>
internal static class BinaryState
{
    public static void Write<T>(BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static void Read<T>(BinaryReader reader, Span<T> values, string what) where T : unmanaged
    {
        int length = reader.ReadInt32();
        if (length != values.Length)
            throw new UnreadableCheckpointException($"the checkpoint holds {length} {what} but this experiment has {values.Length}; it was written by a different declaration");
        Span<byte> bytes = MemoryMarshal.AsBytes(values);
        while (!bytes.IsEmpty)
        {
            int read = reader.Read(bytes); // a stream may return fewer bytes than asked
            if (read == 0)
                throw new UnreadableCheckpointException($"the checkpoint ends inside the {what}; it is truncated");
            bytes = bytes[read..];
        }
        int bad = FirstNonFinite(values);
        if (bad >= 0)
            throw new UnreadableCheckpointException($"the checkpoint's {what} hold a non-finite value at index {bad}; the checkpoint is damaged");
    }

    /// <summary>The index of the first NaN or infinity among floating-point values, or −1 (always −1 for integers).</summary>
    private static int FirstNonFinite<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> floats = MemoryMarshal.Cast<T, float>(values);
            for (int i = 0; i < floats.Length; i++)
                if (!float.IsFinite(floats[i]))
                    return i;
        }
        else if (typeof(T) == typeof(double))
        {
            ReadOnlySpan<double> doubles = MemoryMarshal.Cast<T, double>(values);
            for (int i = 0; i < doubles.Length; i++)
                if (!double.IsFinite(doubles[i]))
                    return i;
        }
        return -1;
    }
}
