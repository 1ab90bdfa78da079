using System.Text.Json;

namespace EvoDsl.Benchmarks.Gate;

/// <summary>One benchmark case as BenchmarkDotNet measured it.</summary>
/// <param name="Id">Type.Method(Parameters), stable across runs.</param>
/// <param name="MedianNanoseconds">Median time per operation.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation (null without the memory diagnoser).</param>
public sealed record Measurement(string Id, double MedianNanoseconds, long? AllocatedBytes);

/// <summary>Reads BenchmarkDotNet's full JSON export (<c>*-report-full.json</c>).</summary>
public static class BenchmarkReport
{
    public static IReadOnlyList<Measurement> ReadAll(IEnumerable<string> paths) => paths.SelectMany(Read).ToList();

    public static IReadOnlyList<Measurement> Read(string path)
    {
        if (!File.Exists(path))
            throw new EvoDslException($"benchmark report '{path}' does not exist; run the benchmarks first (they export JSON to BenchmarkDotNet.Artifacts/results/)");
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            var measurements = new List<Measurement>();
            foreach (JsonElement benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                // A benchmark that failed to run has no statistics: it is missing, not fast.
                if (!benchmark.TryGetProperty("Statistics", out JsonElement statistics) || statistics.ValueKind != JsonValueKind.Object)
                    continue;
                string type = benchmark.GetProperty("Type").GetString()!;
                string method = benchmark.GetProperty("Method").GetString()!;
                string parameters = benchmark.TryGetProperty("Parameters", out JsonElement p) ? p.GetString() ?? "" : "";
                long? allocated = benchmark.TryGetProperty("Memory", out JsonElement memory) && memory.ValueKind == JsonValueKind.Object
                    && memory.TryGetProperty("BytesAllocatedPerOperation", out JsonElement bytes)
                    ? bytes.GetInt64()
                    : null;
                measurements.Add(new Measurement(IdOf(type, method, parameters), statistics.GetProperty("Median").GetDouble(), allocated));
            }
            return measurements;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new EvoDslException($"'{path}' is not a BenchmarkDotNet full JSON report ({e.Message}); pass a *-report-full.json file", e);
        }
    }

    public static string IdOf(string type, string method, string parameters) =>
        parameters.Length == 0 ? $"{type}.{method}" : $"{type}.{method}({parameters})";
}
