// Which reduced-precision dot products C# can reach on this machine (issue 16, lever 1):
//   dotnet run benchmarks/reference/intrinsics.cs
// Lists every x86 instruction-set class of System.Runtime.Intrinsics.X86 that has integer or bfloat16
// dot products, with IsSupported on this CPU, after the CPU's own flags from /proc/cpuinfo.
#:property PublishAot=false
using System.Reflection;
using System.Runtime.Intrinsics.X86;

string[] flags = ["avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "avx512_fp16", "avx10"];
string cpuFlags = File.Exists("/proc/cpuinfo")
    ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags")) ?? "" : "";
HashSet<string> present = [.. cpuFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
Console.WriteLine($".NET {Environment.Version}; CPU flags: " +
    string.Join(", ", flags.Select(f => $"{f} {(present.Any(p => p.StartsWith(f)) ? "yes" : "no")}")));

var classes = typeof(X86Base).Assembly.GetTypes()
    .Where(t => (t.IsPublic ? t.Namespace : t.IsNestedPublic ? t.DeclaringType?.Namespace : null) == typeof(X86Base).Namespace)
    .OrderBy(t => t.FullName);
bool anyBFloat16 = false, anyHalf = false;
foreach (Type type in classes)
{
    string[] products = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
        .Where(m => m.Name.Contains("MultiplyWideningAndAdd") || m.Name.Contains("BFloat16") || m.GetParameters().Any(p => p.ParameterType.ToString().Contains("Half")))
        .Select(m => $"{m.Name}({string.Join(", ", m.GetParameters().Select(p => Short(p.ParameterType)))})")
        .Distinct().ToArray();
    if (products.Length == 0)
        continue;
    bool supported = (bool)type.GetProperty("IsSupported")!.GetValue(null)!;
    Console.WriteLine($"{type.FullName!.Replace("System.Runtime.Intrinsics.X86.", "").Replace('+', '.')}: {(supported ? "supported" : "not supported")}");
    foreach (string product in products)
        Console.WriteLine($"    {product}");
    anyBFloat16 |= products.Any(p => p.Contains("BFloat16"));
    anyHalf |= products.Any(p => p.Contains("Half"));
}
if (!anyBFloat16)
    Console.WriteLine($"No bfloat16 dot product (vdpbf16ps) in .NET {Environment.Version}, on any machine.");
if (!anyHalf)
    Console.WriteLine($"No float16 (AVX512-FP16) arithmetic in .NET {Environment.Version}, on any machine.");

static string Short(Type t) => t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}<{Short(t.GetGenericArguments()[0])}>" : t.Name;
