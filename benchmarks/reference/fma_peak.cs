// This core's clock and its 512-bit fused multiply-add rate, the bound the NNE kernels are measured against:
//   dotnet run -c Release benchmarks/reference/fma_peak.cs           (run two at once to see both cores' rate)
// A chain of dependent FMAs runs at one per FMA latency (4 cycles on Zen 4 and 5, Intel since Skylake), so
// its time gives the clock; twelve independent chains keep both FMA units busy and give the peak rate.
#:property PublishAot=false
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

if (args.Length > 0)
{
    Console.Error.WriteLine($"fma_peak: '{string.Join(' ', args)}': it takes no arguments");
    return 2;
}
if (!Vector512.IsHardwareAccelerated)
    Console.WriteLine("note: Vector512 is not hardware-accelerated here: the figures are for emulated 512-bit vectors");
var a = Vector512.Create(0.999f);
var b = Vector512.Create(0.001f);
const long Steps = 200_000_000;
for (int repeat = 0; repeat < 3; repeat++)
{
    var clock = Stopwatch.StartNew();
    var chain = Dependent(Steps, a, b);
    double latency = clock.Elapsed.TotalSeconds / (4.0 * Steps) * 1e9;
    clock.Restart();
    var spread = Independent(Steps / 3, a, b);
    double each = clock.Elapsed.TotalSeconds / (12.0 * (Steps / 3)) * 1e9;
    Console.WriteLine($"dependent FMAs: {latency:F3} ns each, i.e. {4 / latency:F2} GHz at 4 cycles' latency; " +
        $"independent: {1 / each:F2}G 512-bit FMAs/s ({16 / each:F0}G lane-FMAs/s) (checks: {chain[0]:F3}, {spread[0]:F3})");
}
return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
static Vector512<float> Dependent(long steps, Vector512<float> a, Vector512<float> b)
{
    var x = Vector512<float>.One;
    for (long i = 0; i < steps; i++)
    {
        x = Vector512.FusedMultiplyAdd(x, a, b);
        x = Vector512.FusedMultiplyAdd(x, a, b);
        x = Vector512.FusedMultiplyAdd(x, a, b);
        x = Vector512.FusedMultiplyAdd(x, a, b);
    }
    return x;
}

[MethodImpl(MethodImplOptions.NoInlining)]
static Vector512<float> Independent(long steps, Vector512<float> a, Vector512<float> b)
{
    Vector512<float> x0 = a, x1 = a, x2 = a, x3 = a, x4 = a, x5 = a, x6 = a, x7 = a, x8 = a, x9 = a, x10 = a, x11 = a;
    for (long i = 0; i < steps; i++)
    {
        x0 = Vector512.FusedMultiplyAdd(x0, a, b); x1 = Vector512.FusedMultiplyAdd(x1, a, b);
        x2 = Vector512.FusedMultiplyAdd(x2, a, b); x3 = Vector512.FusedMultiplyAdd(x3, a, b);
        x4 = Vector512.FusedMultiplyAdd(x4, a, b); x5 = Vector512.FusedMultiplyAdd(x5, a, b);
        x6 = Vector512.FusedMultiplyAdd(x6, a, b); x7 = Vector512.FusedMultiplyAdd(x7, a, b);
        x8 = Vector512.FusedMultiplyAdd(x8, a, b); x9 = Vector512.FusedMultiplyAdd(x9, a, b);
        x10 = Vector512.FusedMultiplyAdd(x10, a, b); x11 = Vector512.FusedMultiplyAdd(x11, a, b);
    }
    return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11;
}
