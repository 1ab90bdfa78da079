using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvoDsl.Kernels;

/// <summary>
/// The operations a lane-parallel kernel needs on one hardware vector of floats, as a struct type
/// argument (<see cref="Float256"/>, <see cref="Float512"/>), so one kernel body compiles to AVX2 or
/// AVX-512 code. A <see cref="Vector512{T}"/> kernel on a machine without AVX-512 runs emulated: the NNE
/// evaluation's 512-bit kernels ran at 258k genotype-samples/s on one AVX2 core, its 256-bit ones at 402k/s.
/// </summary>
public interface IFloatVector<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Broadcast(float value);

    /// <summary>left · right + addend, rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>max(value, 0) as the hardware computes it (maxps): equal to the IEEE maximum for every non-NaN value.</summary>
    static abstract TVector ReLU(TVector value);
}

/// <summary>The width a lane-parallel kernel runs at.</summary>
public enum VectorWidth
{
    /// <summary>512 bits where the hardware has them (AVX-512), else 256.</summary>
    Widest,

    /// <summary>8 floats per vector (AVX2).</summary>
    Bits256,

    /// <summary>16 floats per vector (AVX-512).</summary>
    Bits512,
}

public static class VectorWidths
{
    /// <summary><paramref name="width"/> with <see cref="VectorWidth.Widest"/> resolved for this machine.</summary>
    public static VectorWidth Resolve(VectorWidth width) =>
        width != VectorWidth.Widest ? width : Vector512.IsHardwareAccelerated ? VectorWidth.Bits512 : VectorWidth.Bits256;
}

public readonly struct Float256 : IFloatVector<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) =>
        Vector256.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLU(Vector256<float> value) => Vector256.MaxNative(value, Vector256<float>.Zero);
}

public readonly struct Float512 : IFloatVector<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) =>
        Vector512.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLU(Vector512<float> value) => Vector512.MaxNative(value, Vector512<float>.Zero);
}
