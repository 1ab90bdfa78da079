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
