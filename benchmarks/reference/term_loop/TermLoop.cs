// The NNE gather's term loop alone, every byte in L1 (issue 16), shared by term_loop (the .NET 10 loops) and
// ../vnni512 (the AVX512-VNNI loops, which need .NET 11). A (sample, unit) sums its active terms into four 512-bit
// vectors of 64 genotypes: 78 links (a unit's) of 256 B, 64-byte aligned as in NneBlockEvaluation, 256 samples, the
// links drawn at random. The same weight bytes serve every loop (as floats, or read as int16 pairs or int8 quads):
// only the time is compared.
using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

/// <summary>One step of an integer term loop: two pixels times two int16 weights, or four times four int8, per int32 lane.</summary>
public interface IIntegerDot
{
    static abstract Vector512<int> Add(Vector512<int> sum, Vector512<int> pixels, Vector512<int> weights);
}

public sealed unsafe class TermLoop
{
    public const int Samples = 256, Links = 78, Vectors = 4;
    private const int Iterations = 20_000;

    private readonly ushort[] _link;
    private readonly float[] _pixel;
    private readonly int[] _packedPixels;
    private readonly byte[] _storage = GC.AllocateArray<byte>(Links * Vectors * 64 + 64, pinned: true);
    private readonly byte* _weights;
    private readonly Vector512<float>[] _hidden = GC.AllocateArray<Vector512<float>>(Samples * Vectors, pinned: true);

    public TermLoop(int perSample)
    {
        PerSample = perSample;
        var random = new Random(1);
        int terms = perSample * Samples;
        _link = new ushort[terms];
        _pixel = new float[terms];
        _packedPixels = new int[terms];
        for (int t = 0; t < terms; t++)
        {
            _link[t] = (ushort)random.Next(Links);
            _pixel[t] = random.Next(256);
            _packedPixels[t] = random.Next();
        }
        _weights = (byte*)(((long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage)) + 63) & ~63L);
        for (int i = 0; i < Links * Vectors * 16; i++)
            ((float*)_weights)[i] = random.Next(-1000, 1000) / 1000f;
    }

    public int PerSample { get; }

    /// <summary>TERMS-PER-SAMPLE from the command line (default 15, MNIST's mean), or a message and false.</summary>
    public static bool TryParse(string[] args, string program, out int perSample)
    {
        perSample = 15;
        if (args.Length == 0)
            return true;
        if (args.Length == 1 && int.TryParse(args[0], out perSample) && perSample >= 1 && perSample <= 1000)
            return true;
        Console.Error.WriteLine($"{program}: '{string.Join(' ', args)}': give one TERMS-PER-SAMPLE, an integer from 1 to 1000");
        return false;
    }

    /// <summary>Nanoseconds per loop iteration of <paramref name="loop"/>, over 20,000 runs of its 256 samples.</summary>
    public double Time(Action<TermLoop> loop)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
            loop(this);
        return clock.Elapsed.TotalSeconds * 1e9 / ((double)Iterations * PerSample * Samples);
    }

    /// <summary>As NneBlockEvaluation's gather: a pixel's broadcast times the link's four weight vectors, a term at a time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fp32(TermLoop data)
    {
        var w = (Vector512<float>*)data._weights;
        ref ushort link = ref MemoryMarshal.GetArrayDataReference(data._link);
        ref float pixel = ref MemoryMarshal.GetArrayDataReference(data._pixel);
        int term = 0;
        for (int s = 0; s < Samples; s++)
        {
            int end = term + data.PerSample;
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; term < end; term++)
            {
                var value = Vector512.Create(Unsafe.Add(ref pixel, term));
                Vector512<float>* wt = w + Unsafe.Add(ref link, term) * Vectors;
                s0 = Vector512.FusedMultiplyAdd(value, wt[0], s0);
                s1 = Vector512.FusedMultiplyAdd(value, wt[1], s1);
                s2 = Vector512.FusedMultiplyAdd(value, wt[2], s2);
                s3 = Vector512.FusedMultiplyAdd(value, wt[3], s3);
            }
            data.Store(s, s0, s1, s2, s3);
        }
    }

    /// <summary>As <see cref="Fp32"/>, with even and odd terms in separate sums: faster if the FMAs' latency bound the loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fp32TwoSums(TermLoop data)
    {
        var w = (Vector512<float>*)data._weights;
        ref ushort link = ref MemoryMarshal.GetArrayDataReference(data._link);
        ref float pixel = ref MemoryMarshal.GetArrayDataReference(data._pixel);
        int term = 0;
        for (int s = 0; s < Samples; s++)
        {
            int end = term + data.PerSample;
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
            Vector512<float> t0 = default, t1 = default, t2 = default, t3 = default;
            for (; term + 1 < end; term += 2)
            {
                var value = Vector512.Create(Unsafe.Add(ref pixel, term));
                Vector512<float>* wt = w + Unsafe.Add(ref link, term) * Vectors;
                var next = Vector512.Create(Unsafe.Add(ref pixel, term + 1));
                Vector512<float>* wn = w + Unsafe.Add(ref link, term + 1) * Vectors;
                s0 = Vector512.FusedMultiplyAdd(value, wt[0], s0);
                s1 = Vector512.FusedMultiplyAdd(value, wt[1], s1);
                s2 = Vector512.FusedMultiplyAdd(value, wt[2], s2);
                s3 = Vector512.FusedMultiplyAdd(value, wt[3], s3);
                t0 = Vector512.FusedMultiplyAdd(next, wn[0], t0);
                t1 = Vector512.FusedMultiplyAdd(next, wn[1], t1);
                t2 = Vector512.FusedMultiplyAdd(next, wn[2], t2);
                t3 = Vector512.FusedMultiplyAdd(next, wn[3], t3);
            }
            if (term < end)
            {
                var value = Vector512.Create(Unsafe.Add(ref pixel, term));
                Vector512<float>* wt = w + Unsafe.Add(ref link, term) * Vectors;
                s0 = Vector512.FusedMultiplyAdd(value, wt[0], s0);
                s1 = Vector512.FusedMultiplyAdd(value, wt[1], s1);
                s2 = Vector512.FusedMultiplyAdd(value, wt[2], s2);
                s3 = Vector512.FusedMultiplyAdd(value, wt[3], s3);
                term++;
            }
            data.Store(s, s0 + t0, s1 + t1, s2 + t2, s3 + t3);
        }
    }

    /// <summary>An integer loop: each iteration one packed group of pixels (a pair or a quad) against the link's four weight vectors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Integer<TDot>(TermLoop data) where TDot : struct, IIntegerDot
    {
        var w = (Vector512<int>*)data._weights;
        ref ushort link = ref MemoryMarshal.GetArrayDataReference(data._link);
        ref int pixels = ref MemoryMarshal.GetArrayDataReference(data._packedPixels);
        int term = 0;
        for (int s = 0; s < Samples; s++)
        {
            int end = term + data.PerSample;
            Vector512<int> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; term < end; term++)
            {
                var value = Vector512.Create(Unsafe.Add(ref pixels, term));
                Vector512<int>* wt = w + Unsafe.Add(ref link, term) * Vectors;
                s0 = TDot.Add(s0, value, wt[0]);
                s1 = TDot.Add(s1, value, wt[1]);
                s2 = TDot.Add(s2, value, wt[2]);
                s3 = TDot.Add(s3, value, wt[3]);
            }
            data.Store(s, Vector512.ConvertToSingle(s0), Vector512.ConvertToSingle(s1),
                Vector512.ConvertToSingle(s2), Vector512.ConvertToSingle(s3));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store(int sample, Vector512<float> h0, Vector512<float> h1, Vector512<float> h2, Vector512<float> h3)
    {
        ref Vector512<float> h = ref _hidden[sample * Vectors];
        h = h0;
        Unsafe.Add(ref h, 1) = h1;
        Unsafe.Add(ref h, 2) = h2;
        Unsafe.Add(ref h, 3) = h3;
    }
}
