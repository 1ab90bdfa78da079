using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvoDsl.Benchmarks.Gate;

/// <summary>
/// The committed reference (<c>benchmarks/baseline.json</c>): each benchmark's time divided by the
/// calibration benchmark measured in the same run, so machine speed cancels out.
/// </summary>
public sealed record Baseline(
    string Calibration,
    string Machine,
    string Created,
    SortedDictionary<string, BaselineEntry> Benchmarks)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Baseline Load(string path)
    {
        if (!File.Exists(path))
            throw new EvoDslException($"baseline '{path}' does not exist; create it with 'dotnet run --project benchmarks/EvoDsl.Benchmarks -c Release -- baseline'");
        try
        {
            return JsonSerializer.Deserialize<Baseline>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new EvoDslException($"baseline '{path}' is not valid ({e.Message}); regenerate it with the 'baseline' command", e);
        }
    }

    public void Save(string path) => Training.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}

/// <param name="MedianNanoseconds">As measured when the baseline was made (for reading only).</param>
/// <param name="Normalized">Median divided by the calibration's median in the same run: what the gate compares.</param>
/// <param name="AllocatedBytes">Bytes per operation; a baseline of 0 makes any allocation a failure.</param>
public sealed record BaselineEntry(double MedianNanoseconds, double Normalized, long? AllocatedBytes);
