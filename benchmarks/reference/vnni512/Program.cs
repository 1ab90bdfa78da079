// The gather's term loop with AVX512-VNNI (issue 16, lever 1), which needs .NET 11: fp32 as EvoDsl runs it against
// int16 pairs with vpdpwssd and uint8 pixel x int8 weight quads with vpdpbusd, four 512-bit instructions an iteration
// each (the loops are ../term_loop/TermLoop.cs). run.sh builds and runs it on the .NET 11.0.0 runtime pack:
//   sh benchmarks/reference/vnni512/run.sh [TERMS-PER-SAMPLE]
// Prints nanoseconds per loop iteration: a term, a pair of terms, a quad of terms.
using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

Console.WriteLine($".NET {Environment.Version}; AvxVnni.V512.IsSupported: {AvxVnni.V512.IsSupported}");
if (!TermLoop.TryParse(args, "vnni512", out int perSample))
    return 2;
if (!AvxVnni.V512.IsSupported)
{
    Console.Error.WriteLine("vnni512: this CPU has no AVX512-VNNI (or the runtime is older than .NET 11); nothing to measure");
    return 2;
}
var data = new TermLoop(perSample);
for (int repeat = 0; repeat < 4; repeat++)   // the first is warm-up, not printed
{
    double fp32 = data.Time(TermLoop.Fp32);
    double pairs = data.Time(TermLoop.Integer<Int16Pairs>);
    double quads = data.Time(TermLoop.Integer<Int8Quads>);
    if (repeat > 0)
        Console.WriteLine($"{perSample} per sample: fp32 {fp32:F3} ns a term; VNNI int16 pairs {pairs:F3} ns a pair; " +
            $"VNNI uint8 x int8 quads {quads:F3} ns a quad");
}
return 0;

/// <summary>vpdpwssd: two pixels times two int16 weights, added into each int32 lane.</summary>
internal readonly struct Int16Pairs : IIntegerDot
{
    public static Vector512<int> Add(Vector512<int> sum, Vector512<int> pixels, Vector512<int> weights) =>
        AvxVnni.V512.MultiplyWideningAndAdd(sum, pixels.AsInt16(), weights.AsInt16());
}

/// <summary>vpdpbusd: four uint8 pixels times four int8 weights, added into each int32 lane.</summary>
internal readonly struct Int8Quads : IIntegerDot
{
    public static Vector512<int> Add(Vector512<int> sum, Vector512<int> pixels, Vector512<int> weights) =>
        AvxVnni.V512.MultiplyWideningAndAdd(sum, pixels.AsByte(), weights.AsSByte());
}
