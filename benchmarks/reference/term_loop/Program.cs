// The gather's term loop alone on .NET 10 (issue 16): fp32 as EvoDsl runs it, fp32 with two sums per vector, and int16
// pairs with AVX512BW's vpmaddwd (Avx512BW.MultiplyAddAdjacent) and vpaddd, the 512-bit integer product .NET 10 has:
//   dotnet run -c Release --project benchmarks/reference/term_loop -- [TERMS-PER-SAMPLE]     (default 15, MNIST's mean)
// Prints nanoseconds per loop iteration (a term for fp32, a pair of terms for int16); benchmarks/reference/fma_peak.cs
// gives the clock to turn them into cycles.
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

if (!TermLoop.TryParse(args, "term_loop", out int perSample))
    return 2;
if (!Avx512BW.IsSupported)
{
    Console.Error.WriteLine("term_loop: this CPU has no AVX512BW; the loops compared here are the AVX-512 ones");
    return 2;
}
var data = new TermLoop(perSample);
for (int repeat = 0; repeat < 4; repeat++)   // the first is warm-up, not printed
{
    double fp32 = data.Time(TermLoop.Fp32);
    double twoSums = data.Time(TermLoop.Fp32TwoSums);
    double pairs = data.Time(TermLoop.Integer<Int16Pairs>);
    if (repeat > 0)
        Console.WriteLine($"{perSample} per sample: fp32 {fp32:F3} ns a term ({twoSums:F3} with two sums per vector, " +
            $"so eight independent chains); int16 pairs {pairs:F3} ns a pair");
}
return 0;

/// <summary>vpmaddwd then vpaddd: two pixels times two int16 weights, summed into each int32 lane.</summary>
internal readonly struct Int16Pairs : IIntegerDot
{
    public static Vector512<int> Add(Vector512<int> sum, Vector512<int> pixels, Vector512<int> weights) =>
        sum + Avx512BW.MultiplyAddAdjacent(pixels.AsInt16(), weights.AsInt16());
}
