// What evaluating only what differs (issue 16, lever 2) costs per genotype, measured:
//   dotnet run -c Release benchmarks/reference/nne_delta.cs [LINKS ...]      (default: 2800 5600 11000)
// One genotype's first layer as a correction of the consensus genotype's, over a chunk of 128 samples
// (16 per 512-bit vector, zeros included, since the correction differs per genotype and cannot use a
// block's 64 genotype lanes): for each hidden unit, its consensus pre-activations z_c plus
// dw_l * X[pixel_l, chunk] for each of the LINKS first-layer links the genotype's deviating genes change,
// then ReLU, stored for the output product. X is 784 pixels x 128 samples with 19% nonzero (MNIST's
// share of active terms), the links are spread over the units at random. A genotype deviating from the
// consensus in d genes changes about d x 165 such links (a gene reaches ~220 links, 89% of them in the
// first layer, ~85% from pixels that are not zero in every image). Prints the time per genotype-sample
// and what a generation of 2,000,000 genotype-samples would spend in it on one core.
#:property PublishAot=false
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

const int Hidden = 1000, Pixels = 784, Chunk = 128, Vectors = Chunk / 16;
int[] counts = args.Length == 0 ? [2800, 5600, 11000] : [.. args.Select(a => int.TryParse(a, out int n) ? n : -1)];
if (Array.FindIndex(counts, n => n is < 1 or > 1_000_000) is int bad and >= 0)
{
    Console.Error.WriteLine($"nne_delta: '{args[bad]}': each argument is a count of changed links, an integer from 1 to 1,000,000");
    return 2;
}
if (!Vector512.IsHardwareAccelerated)
    Console.WriteLine("note: Vector512 is not hardware-accelerated here, so these figures are for emulated 512-bit vectors");

var rng = new Random(1);
var pixels = new float[Pixels * Chunk];                      // pixel-major: one pixel's values over the chunk
for (int i = 0; i < pixels.Length; i++)
    pixels[i] = rng.NextDouble() < 0.19 ? (float)rng.NextDouble() : 0f;
var consensus = new float[Hidden * Chunk];                   // z_c, unit-major
for (int i = 0; i < consensus.Length; i++)
    consensus[i] = (float)(rng.NextDouble() - 0.5);
var hidden = new float[Hidden * Chunk];

foreach (int links in counts)
{
    var unit = new int[links];
    var pixel = new int[links];
    var change = new float[links];
    for (int l = 0; l < links; l++)
        (unit[l], pixel[l], change[l]) = (rng.Next(Hidden), rng.Next(Pixels), (float)(rng.NextDouble() - 0.5));
    Array.Sort(unit, pixel);                                 // unit-major, as the network orders links
    var unitStart = new int[Hidden + 1];
    foreach (int u in unit)
        unitStart[u + 1]++;
    for (int u = 0; u < Hidden; u++)
        unitStart[u + 1] += unitStart[u];

    const int Genotypes = 400;
    double best = double.MaxValue;
    for (int repeat = 0; repeat < 5; repeat++)
    {
        var clock = Stopwatch.StartNew();
        for (int g = 0; g < Genotypes; g++)
            Correct(hidden, consensus, pixels, unitStart, pixel, change);
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    double perGenotypeSample = best / (Genotypes * (double)Chunk);
    Console.WriteLine($"{links,6} links: {perGenotypeSample * 1e9,6:F1} ns per genotype-sample, " +
        $"{links * (double)Vectors * Genotypes / best / 1e9:F2}G 512-bit FMAs/s; " +
        $"a generation of 2,000,000 genotype-samples: {perGenotypeSample * 2e6:F3} s on one core (best of 5)");
}

return 0;

/// h = ReLU(z_c + sum of the changed links' terms), unit by unit, the unit's 128 samples in eight registers.
[MethodImpl(MethodImplOptions.NoInlining)]
static void Correct(float[] hidden, float[] consensus, float[] pixels, int[] unitStart, int[] pixel, float[] change)
{
    ref Vector512<float> x0 = ref Unsafe.As<float, Vector512<float>>(ref MemoryMarshal.GetArrayDataReference(pixels));
    ref Vector512<float> z0 = ref Unsafe.As<float, Vector512<float>>(ref MemoryMarshal.GetArrayDataReference(consensus));
    ref Vector512<float> h0 = ref Unsafe.As<float, Vector512<float>>(ref MemoryMarshal.GetArrayDataReference(hidden));
    for (int u = 0; u < Hidden; u++)
    {
        ref Vector512<float> z = ref Unsafe.Add(ref z0, u * Vectors);
        Vector512<float> a0 = z, a1 = Unsafe.Add(ref z, 1), a2 = Unsafe.Add(ref z, 2), a3 = Unsafe.Add(ref z, 3);
        Vector512<float> a4 = Unsafe.Add(ref z, 4), a5 = Unsafe.Add(ref z, 5), a6 = Unsafe.Add(ref z, 6), a7 = Unsafe.Add(ref z, 7);
        for (int l = unitStart[u]; l < unitStart[u + 1]; l++)
        {
            var w = Vector512.Create(change[l]);
            ref Vector512<float> x = ref Unsafe.Add(ref x0, pixel[l] * Vectors);
            a0 = Vector512.FusedMultiplyAdd(w, x, a0);
            a1 = Vector512.FusedMultiplyAdd(w, Unsafe.Add(ref x, 1), a1);
            a2 = Vector512.FusedMultiplyAdd(w, Unsafe.Add(ref x, 2), a2);
            a3 = Vector512.FusedMultiplyAdd(w, Unsafe.Add(ref x, 3), a3);
            a4 = Vector512.FusedMultiplyAdd(w, Unsafe.Add(ref x, 4), a4);
            a5 = Vector512.FusedMultiplyAdd(w, Unsafe.Add(ref x, 5), a5);
            a6 = Vector512.FusedMultiplyAdd(w, Unsafe.Add(ref x, 6), a6);
            a7 = Vector512.FusedMultiplyAdd(w, Unsafe.Add(ref x, 7), a7);
        }
        ref Vector512<float> h = ref Unsafe.Add(ref h0, u * Vectors);
        Vector512<float> zero = Vector512<float>.Zero;
        h = Vector512.Max(a0, zero);
        Unsafe.Add(ref h, 1) = Vector512.Max(a1, zero);
        Unsafe.Add(ref h, 2) = Vector512.Max(a2, zero);
        Unsafe.Add(ref h, 3) = Vector512.Max(a3, zero);
        Unsafe.Add(ref h, 4) = Vector512.Max(a4, zero);
        Unsafe.Add(ref h, 5) = Vector512.Max(a5, zero);
        Unsafe.Add(ref h, 6) = Vector512.Max(a6, zero);
        Unsafe.Add(ref h, 7) = Vector512.Max(a7, zero);
    }
}
