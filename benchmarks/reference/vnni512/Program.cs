using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

// The gather's term loop for 64 genotypes, all data in L1 and aligned, as benchmarks/reference/nne_term_loop.cs:
// fp32 (four 512-bit FMAs a term), int16 pairs with AVX512-VNNI vpdpwssd (four a pair of terms) and uint8 x int8
// quads with vpdpbusd (four a quad of terms). Run by run.sh on .NET 11; prints nanoseconds per loop iteration.
Console.WriteLine($".NET {Environment.Version}; AvxVnni.V512.IsSupported: {AvxVnni.V512.IsSupported}");
if (!AvxVnni.V512.IsSupported)
{
    Console.Error.WriteLine("vnni512: this CPU has no AVX512-VNNI (or the runtime is older than .NET 11); nothing to measure");
    return 2;
}
const int Samples = 256, Links = 78, Vectors = 4, Iterations = 20000;
int perSample = 15;
if (args.Length > 0 && !(int.TryParse(args[0], out perSample) && perSample >= 1 && perSample <= 1000))
{
    Console.Error.WriteLine($"vnni512: '{args[0]}': TERMS-PER-SAMPLE is an integer from 1 to 1000");
    return 2;
}
var rng = new Random(1);
int total = perSample * Samples;
var link = new ushort[total]; var pixF = new float[total]; var packed = new int[total];
for (int t = 0; t < total; t++) { link[t] = (ushort)rng.Next(Links); pixF[t] = rng.Next(256); packed[t] = rng.Next(); }
var h = GC.AllocateArray<Vector512<float>>(Samples * Vectors, pinned: true);
unsafe
{
    var raw = GC.AllocateArray<byte>(Links * Vectors * 64 + 64, pinned: true);
    fixed (byte* p0 = raw)
    {
        byte* w = (byte*)(((long)p0 + 63) & ~63L);
        for (int i = 0; i < Links * Vectors * 16; i++) ((float*)w)[i] = rng.Next(-1000, 1000) / 1000f;
        for (int rep = 0; rep < 4; rep++)   // the first is warm-up, not printed
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < Iterations; i++) Fp32(w, link, pixF, perSample, h);
            double a = sw.Elapsed.TotalSeconds * 1e9 / ((double)Iterations * total);
            sw.Restart();
            for (int i = 0; i < Iterations; i++) Pairs(w, link, packed, perSample, h);
            double b = sw.Elapsed.TotalSeconds * 1e9 / ((double)Iterations * total);
            sw.Restart();
            for (int i = 0; i < Iterations; i++) Quads(w, link, packed, perSample, h);
            double c = sw.Elapsed.TotalSeconds * 1e9 / ((double)Iterations * total);
            if (rep > 0)
                Console.WriteLine($"{perSample} per sample: fp32 {a:F3} ns a term; VNNI int16 pairs {b:F3} ns a pair; VNNI uint8 x int8 quads {c:F3} ns a quad");
        }
    }
}

return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
static unsafe void Fp32(byte* wb, ushort[] links, float[] pixels, int per, Vector512<float>[] hidden)
{
    var w = (Vector512<float>*)wb;
    ref ushort link = ref MemoryMarshal.GetArrayDataReference(links);
    ref float pixel = ref MemoryMarshal.GetArrayDataReference(pixels);
    int term = 0;
    for (int s = 0; s < 256; s++)
    {
        int end = term + per;
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; term < end; term++)
        {
            var v = Vector512.Create(Unsafe.Add(ref pixel, term));
            Vector512<float>* wt = w + Unsafe.Add(ref link, term) * 4;
            s0 = Vector512.FusedMultiplyAdd(v, wt[0], s0); s1 = Vector512.FusedMultiplyAdd(v, wt[1], s1);
            s2 = Vector512.FusedMultiplyAdd(v, wt[2], s2); s3 = Vector512.FusedMultiplyAdd(v, wt[3], s3);
        }
        hidden[s * 4] = s0; hidden[s * 4 + 1] = s1; hidden[s * 4 + 2] = s2; hidden[s * 4 + 3] = s3;
    }
}

[MethodImpl(MethodImplOptions.NoInlining)]
static unsafe void Pairs(byte* wb, ushort[] links, int[] pixels, int per, Vector512<float>[] hidden)
{
    var w = (Vector512<short>*)wb;
    ref ushort link = ref MemoryMarshal.GetArrayDataReference(links);
    ref int pixel = ref MemoryMarshal.GetArrayDataReference(pixels);
    int term = 0;
    for (int s = 0; s < 256; s++)
    {
        int end = term + per;
        Vector512<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; term < end; term++)
        {
            var v = Vector512.Create(Unsafe.Add(ref pixel, term)).AsInt16();
            Vector512<short>* wt = w + Unsafe.Add(ref link, term) * 4;
            s0 = AvxVnni.V512.MultiplyWideningAndAdd(s0, v, wt[0]); s1 = AvxVnni.V512.MultiplyWideningAndAdd(s1, v, wt[1]);
            s2 = AvxVnni.V512.MultiplyWideningAndAdd(s2, v, wt[2]); s3 = AvxVnni.V512.MultiplyWideningAndAdd(s3, v, wt[3]);
        }
        hidden[s * 4] = Vector512.ConvertToSingle(s0); hidden[s * 4 + 1] = Vector512.ConvertToSingle(s1);
        hidden[s * 4 + 2] = Vector512.ConvertToSingle(s2); hidden[s * 4 + 3] = Vector512.ConvertToSingle(s3);
    }
}

[MethodImpl(MethodImplOptions.NoInlining)]
static unsafe void Quads(byte* wb, ushort[] links, int[] pixels, int per, Vector512<float>[] hidden)
{
    var w = (Vector512<sbyte>*)wb;
    ref ushort link = ref MemoryMarshal.GetArrayDataReference(links);
    ref int pixel = ref MemoryMarshal.GetArrayDataReference(pixels);
    int term = 0;
    for (int s = 0; s < 256; s++)
    {
        int end = term + per;
        Vector512<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; term < end; term++)
        {
            var v = Vector512.Create(Unsafe.Add(ref pixel, term)).AsByte();
            Vector512<sbyte>* wt = w + Unsafe.Add(ref link, term) * 4;
            s0 = AvxVnni.V512.MultiplyWideningAndAdd(s0, v, wt[0]); s1 = AvxVnni.V512.MultiplyWideningAndAdd(s1, v, wt[1]);
            s2 = AvxVnni.V512.MultiplyWideningAndAdd(s2, v, wt[2]); s3 = AvxVnni.V512.MultiplyWideningAndAdd(s3, v, wt[3]);
        }
        hidden[s * 4] = Vector512.ConvertToSingle(s0); hidden[s * 4 + 1] = Vector512.ConvertToSingle(s1);
        hidden[s * 4 + 2] = Vector512.ConvertToSingle(s2); hidden[s * 4 + 3] = Vector512.ConvertToSingle(s3);
    }
}
