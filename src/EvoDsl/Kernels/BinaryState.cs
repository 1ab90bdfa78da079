using System.Runtime.InteropServices;

namespace EvoDsl.Kernels;

/// <summary>Checkpoint helpers: a float buffer written with its length, and read back only into a buffer of that length.</summary>
internal static class BinaryState
{
    public static void Write(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    public static void Read(BinaryReader reader, Span<float> values, string what)
    {
        int length = reader.ReadInt32();
        if (length != values.Length)
            throw new EvoDslException($"the checkpoint holds {length} {what} but this experiment has {values.Length}; it was written by a different declaration");
        Span<byte> bytes = MemoryMarshal.AsBytes(values);
        while (!bytes.IsEmpty)
        {
            int read = reader.Read(bytes); // a stream may return fewer bytes than asked
            if (read == 0)
                throw new EvoDslException($"the checkpoint ends inside the {what}; it is truncated");
            bytes = bytes[read..];
        }
    }
}
