using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EvoDsl.Kernels;

/// <summary>
/// A buffer of 16-float vectors aligned to 64 bytes, read as <see cref="Vector512{T}"/> or, by kernels
/// of any width, as floats. A .NET array's data is only 8-byte aligned, so a Vector512 array straddles
/// cache lines at every element; on the pinned object heap the data never moves, so the alignment
/// found once holds for the buffer's lifetime (measured: the NNE block evaluation runs about 25%
/// faster aligned).
/// </summary>
public sealed class AlignedVectors
{
    private const int FloatsPerVector = 16;
    private readonly float[] _storage;
    private readonly int _offset;

    public unsafe AlignedVectors(int length)
    {
        Length = length;
        _storage = GC.AllocateArray<float>(length * FloatsPerVector + FloatsPerVector - 1, pinned: true);
        fixed (float* data = _storage)
        {
            long misalignment = (long)data % 64;
            _offset = misalignment == 0 ? 0 : (int)((64 - misalignment) / sizeof(float));
        }
    }

    /// <summary>A buffer of <paramref name="floats"/> floats, rounded up to whole 16-float vectors.</summary>
    public static AlignedVectors ForFloats(int floats) => new((floats + FloatsPerVector - 1) / FloatsPerVector);

    public int Length { get; }

    public Span<Vector512<float>> Span =>
        MemoryMarshal.Cast<float, Vector512<float>>(Floats);

    /// <summary>The same buffer as floats, for kernels of any vector width (<see cref="IFloatVector{TVector}"/>).</summary>
    public Span<float> Floats => _storage.AsSpan(_offset, Length * FloatsPerVector);
}
