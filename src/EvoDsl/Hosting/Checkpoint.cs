using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoDsl.Hosting;

/// <summary>
/// <c>checkpoint.bin</c> in a run's output folder: the declaration it belongs to, the metrics so far
/// and the trainer's state. Written atomically, so a run killed at any moment leaves either the
/// previous checkpoint or the new one, never half of one.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "EVODSL-CHECKPOINT";
    private const int Version = 1;

    /// <summary>What must match for a checkpoint to be resumed: the declaration, the data and the seed.</summary>
    public static JsonObject Fingerprint(ExperimentDescriptor experiment, int seed, string dataSource) => new()
    {
        ["experiment"] = experiment.Name,
        ["class"] = experiment.ClassName,
        ["algorithm"] = JsonSerializer.SerializeToNode(experiment.Algorithm, experiment.Algorithm.GetType()),
        ["digits"] = experiment.Data?.Digits,
        ["train_per_class"] = experiment.Data?.TrainPerClass,
        ["data"] = dataSource,
        ["seed"] = seed,
    };

    public static void Write(string directory, JsonObject fingerprint, string metricsCsv, ITrainer trainer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(fingerprint.ToJsonString());
            writer.Write(metricsCsv);
            trainer.WriteState(writer);
        }
        AtomicFile.WriteAllBytes(Path.Combine(directory, FileName), buffer.ToArray());
    }

    /// <summary>Restores <paramref name="trainer"/> and returns the metrics CSV written so far.</summary>
    public static string Resume(string directory, JsonObject fingerprint, ITrainer trainer)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new EvoDslException($"--resume found no checkpoint at '{path}'; run without --resume to start, or pass the --out folder of the run to continue");
        return Read(path,
            saved => FirstDifference(saved, fingerprint) is { } difference
                ? $"the checkpoint in '{directory}' belongs to a different run: {difference}; resume with the same declaration, data and --seed, or choose another --out"
                : null,
            reader =>
            {
                trainer.ReadState(reader);
                return 0;
            }).Metrics;
    }

    /// <summary>
    /// Reads the checkpoint at <paramref name="path"/>: <paramref name="refuse"/> sees its fingerprint and
    /// returns an error message to stop, or null; then <paramref name="readState"/> reads the trainer state.
    /// </summary>
    public static (string Metrics, T State) Read<T>(string path, Func<JsonObject, string?> refuse, Func<BinaryReader, T> readState)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != Version)
                throw new EvoDslException($"'{path}' is not an EvoDsl checkpoint of this version; delete it or choose another --out");
            var saved = JsonNode.Parse(reader.ReadString())!.AsObject();
            if (refuse(saved) is { } error)
                throw new EvoDslException(error);
            string metrics = reader.ReadString();
            return (metrics, readState(reader));
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or JsonException or FormatException)
        {
            throw new EvoDslException($"the checkpoint '{path}' is damaged ({e.Message}); delete it and start again", e);
        }
    }

    /// <summary>The first setting that differs, as "Selection: checkpoint 20, now 100".</summary>
    internal static string? FirstDifference(JsonObject saved, JsonObject now, string prefix = "")
    {
        foreach ((string key, JsonNode? value) in now)
        {
            JsonNode? old = saved[key];
            if (value is JsonObject nested && old is JsonObject oldNested)
            {
                if (FirstDifference(oldNested, nested, prefix + key + ".") is { } inner)
                    return inner;
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                return $"{prefix}{key}: checkpoint {old?.ToJsonString() ?? "(none)"}, now {value?.ToJsonString() ?? "(none)"}";
            }
        }
        return null;
    }
}
