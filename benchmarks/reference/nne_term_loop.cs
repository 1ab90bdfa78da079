// The NNE gather's term loop alone, every byte in L1 (issue 16): fp32, four 512-bit FMAs per term for 64 genotypes
// (also with two sums per vector, to see whether the FMAs' latency binds), against int16 pairs, four AVX512BW vpmaddwd (Avx512BW.MultiplyAddAdjacent: two links' int16 weights times two
// pixels, summed into an int32 lane) and four vpaddd per pair of terms:
//   dotnet run -c Release benchmarks/reference/nne_term_loop.cs [TERMS-PER-SAMPLE]     (default 15, MNIST's mean)
// 78 links (a unit's) of 256 B, 256 samples, the links drawn at random; the weights are 64-byte aligned as in
// NneBlockEvaluation. Prints nanoseconds per term (fp32) and per pair (int16); benchmarks/reference/fma_peak.cs
// gives the clock to turn them into cycles.
#:property PublishAot=false
#:property AllowUnsafeBlocks=true
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

const int Links = 78, Samples = 256, Vectors = 4, Iterations = 20_000;
int perSample = 15;
if (args.Length > 0 && !(int.TryParse(args[0], out perSample) && perSample is >= 1 and <= 1000))
{
    Console.Error.WriteLine($"nne_term_loop: '{args[0]}': TERMS-PER-SAMPLE is an integer from 1 to 1000");
    return 2;
}
if (!Avx512BW.IsSupported)
{
    Console.Error.WriteLine("nne_term_loop: this CPU has no AVX512BW; the loop compared here is the AVX-512 one");
    return 2;
}
var random = new Random(1);
int terms = perSample * Samples;
var link = new ushort[terms];
var pixel = new float[terms];
var pixelPair = new int[terms];
for (int t = 0; t < terms; t++)
{
    link[t] = (ushort)random.Next(Links);
    pixel[t] = random.Next(256);
    pixelPair[t] = random.Next(256) | (random.Next(256) << 16);
}
var hidden = GC.AllocateArray<Vector512<float>>(Samples * Vectors, pinned: true);
var storage = GC.AllocateArray<byte>(Links * Vectors * 64 + 64, pinned: true);
unsafe
{
    fixed (byte* start = storage)
    {
        byte* weights = (byte*)(((long)start + 63) & ~63L);
        // The same bytes serve both loops: as floats in [-1, 1], and read as int16 pairs; only the time is compared.
        // The same bytes serve both loops, as floats in [-1, 1] and read as int16 pairs: only the time is compared.
        for (int i = 0; i < Links * Vectors * 16; i++)
            ((float*)weights)[i] = random.Next(-1000, 1000) / 1000f;
        for (int repeat = 0; repeat < 3; repeat++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Iterations; i++)
                Fp32(weights, link, pixel, perSample, hidden);
            double fp32 = clock.Elapsed.TotalSeconds * 1e9 / ((double)Iterations * terms);
            clock.Restart();
            for (int i = 0; i < Iterations; i++)
                Fp32TwoSums(weights, link, pixel, perSample, hidden);
            double twoSums = clock.Elapsed.TotalSeconds * 1e9 / ((double)Iterations * terms);
            clock.Restart();
            for (int i = 0; i < Iterations; i++)
                Int16Pairs(weights, link, pixelPair, perSample, hidden);
            double pairs = clock.Elapsed.TotalSeconds * 1e9 / ((double)Iterations * terms);
            Console.WriteLine($"{perSample} per sample: fp32 {fp32:F3} ns a term ({twoSums:F3} with two sums per vector, " +
                $"so eight independent chains); int16 pairs {pairs:F3} ns a pair");
        }
    }
}
return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
static unsafe void Fp32(byte* weights, ushort[] links, float[] pixels, int perSample, Vector512<float>[] hidden)
{
    var w = (Vector512<float>*)weights;
    ref ushort link = ref MemoryMarshal.GetArrayDataReference(links);
    ref float pixel = ref MemoryMarshal.GetArrayDataReference(pixels);
    int term = 0;
    for (int s = 0; s < Samples; s++)
    {
        int end = term + perSample;
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
        hidden[s * 4] = s0;
        hidden[s * 4 + 1] = s1;
        hidden[s * 4 + 2] = s2;
        hidden[s * 4 + 3] = s3;
    }
}

// As Fp32, with even and odd terms in separate sums: if the FMAs' latency bound the loop, this would be faster.
[MethodImpl(MethodImplOptions.NoInlining)]
static unsafe void Fp32TwoSums(byte* weights, ushort[] links, float[] pixels, int perSample, Vector512<float>[] hidden)
{
    var w = (Vector512<float>*)weights;
    ref ushort link = ref MemoryMarshal.GetArrayDataReference(links);
    ref float pixel = ref MemoryMarshal.GetArrayDataReference(pixels);
    int term = 0;
    for (int s = 0; s < Samples; s++)
    {
        int end = term + perSample;
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
        hidden[s * 4] = s0 + t0;
        hidden[s * 4 + 1] = s1 + t1;
        hidden[s * 4 + 2] = s2 + t2;
        hidden[s * 4 + 3] = s3 + t3;
    }
}

[MethodImpl(MethodImplOptions.NoInlining)]
static unsafe void Int16Pairs(byte* weights, ushort[] links, int[] pixelPairs, int perSample, Vector512<float>[] hidden)
{
    var w = (Vector512<short>*)weights;
    ref ushort link = ref MemoryMarshal.GetArrayDataReference(links);
    ref int pixel = ref MemoryMarshal.GetArrayDataReference(pixelPairs);
    int term = 0;
    for (int s = 0; s < Samples; s++)
    {
        int end = term + perSample;
        Vector512<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; term < end; term++)
        {
            var value = Vector512.Create(Unsafe.Add(ref pixel, term)).AsInt16();
            Vector512<short>* wt = w + Unsafe.Add(ref link, term) * Vectors;
            s0 += Avx512BW.MultiplyAddAdjacent(value, wt[0]);
            s1 += Avx512BW.MultiplyAddAdjacent(value, wt[1]);
            s2 += Avx512BW.MultiplyAddAdjacent(value, wt[2]);
            s3 += Avx512BW.MultiplyAddAdjacent(value, wt[3]);
        }
        hidden[s * 4] = Avx512F.ConvertToVector512Single(s0);
        hidden[s * 4 + 1] = Avx512F.ConvertToVector512Single(s1);
        hidden[s * 4 + 2] = Avx512F.ConvertToVector512Single(s2);
        hidden[s * 4 + 3] = Avx512F.ConvertToVector512Single(s3);
    }
}
