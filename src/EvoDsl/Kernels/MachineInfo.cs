using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EvoDsl.Kernels;

/// <summary>What a figure measured here depends on, named with every figure: the CPU, its cores and the vector width the kernels use.</summary>
public static class MachineInfo
{
    /// <summary>The CPU as the OS names it ("AMD EPYC 9B14"), or the architecture when it does not say.</summary>
    public static string CpuModel { get; } = ReadCpuModel();

    /// <summary>The widest vectors the kernels actually choose (Vector512 can be off on AVX-512 hardware), named by instruction set.</summary>
    public static string VectorInstructionSet =>
        VectorWidths.Resolve(VectorWidth.Widest) == VectorWidth.Bits512 ? "AVX-512"
        : Vector256.IsHardwareAccelerated ? "AVX2"
        : Vector128.IsHardwareAccelerated ? "128-bit vectors" : "no vectors";

    /// <summary>"AMD EPYC, 2 cores, AVX-512, Debian GNU/Linux 12 (bookworm), .NET 10.0.12".</summary>
    public static string Description =>
        $"{CpuModel}, {Environment.ProcessorCount} cores, {VectorInstructionSet}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    private static string ReadCpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && line[..colon].Trim() == "model name")
                    return line[(colon + 1)..].Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
