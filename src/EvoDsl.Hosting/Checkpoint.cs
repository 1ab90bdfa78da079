using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoDsl.Hosting;

/// <summary>
/// <c>checkpoint.bin</c> in a run's output folder: the declaration it belongs to, the metrics so far,
/// the training time so far and the trainer's state, sealed with a SHA-256 of all of it. Written
/// atomically, so a run killed at any moment leaves either the previous checkpoint or the new one,
/// never half of one; a damaged one (a flipped byte, a truncation) is refused by name, never resumed.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.bin";
    private const string Magic = "EVODSL-CHECKPOINT";
    private const int Version = 2;

    /// <summary>What a checkpoint holds besides the trainer's state.</summary>
    /// <param name="Fingerprint">The declaration, data and seed it belongs to (see <see cref="Fingerprint"/>).</param>
    /// <param name="Metrics">metrics.csv as it was at the checkpoint.</param>
    /// <param name="TrainingSeconds">Seconds spent in steps up to the checkpoint, across resumed segments.</param>
    public sealed record Header(JsonObject Fingerprint, string Metrics, double TrainingSeconds);

    /// <summary>
    /// What must match for a checkpoint to be resumed: the declaration, the content of the data
    /// (<paramref name="dataSha256"/>, so a folder whose files were replaced is a different data set) and the seed.
    /// </summary>
    public static JsonObject Fingerprint(ExperimentDescriptor experiment, int seed, string? dataSha256)
    {
        JsonObject fingerprint = Fingerprint(experiment.Algorithm, experiment.Data, seed, dataSha256);
        fingerprint.Insert(0, "experiment", experiment.Name);
        fingerprint.Insert(1, "class", experiment.ClassName);
        return fingerprint;
    }

    /// <summary>The part of a fingerprint that decides what a run learns: its settings, data and seed (what another run starting from it checks).</summary>
    public static JsonObject Fingerprint(object algorithm, DataSettings? data, int seed, string? dataSha256)
    {
        var fingerprint = new JsonObject
        {
            ["algorithm"] = JsonSerializer.SerializeToNode(algorithm, algorithm.GetType()),
            ["digits"] = data?.Digits,
            ["train_per_class"] = data?.TrainPerClass,
            ["data_sha256"] = dataSha256,
            ["seed"] = seed,
        };
        // The images' form changes what is learned from the same files; named only when not the original 28 × 28,
        // so checkpoints written before it was part of the fingerprint still resume.
        if (data is { Images: not MnistImages.Original } images)
            fingerprint.Insert(3, "images", images.Images.ToString());
        return fingerprint;
    }

    public static void Write(string directory, Header header, ITrainer trainer)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(header.Fingerprint.ToJsonString());
            writer.Write(header.Metrics);
            writer.Write(header.TrainingSeconds);
            trainer.WriteState(writer);
        }
        using var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(payload.Length);
            writer.Write(payload.GetBuffer().AsSpan(0, (int)payload.Length));
            writer.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
        }
        AtomicFile.WriteAllBytes(Path.Combine(directory, FileName), file.GetBuffer().AsSpan(0, (int)file.Length));
    }

    /// <summary>Restores <paramref name="trainer"/> from the checkpoint in <paramref name="directory"/> and returns its header.</summary>
    public static Header Resume(string directory, JsonObject fingerprint, ITrainer trainer)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new EvoDslException($"--resume found no checkpoint at '{path}'; run without --resume to start (with --overwrite if the folder holds results), or pass the --out folder of the run to continue");
        try
        {
            return ResumeFrom(path, directory, fingerprint, trainer);
        }
        catch (UnreadableCheckpointException e)
        {
            throw new EvoDslException($"{e.Message}; start the run again with --overwrite (without --resume), or choose another --out", e);
        }
    }

    private static Header ResumeFrom(string path, string directory, JsonObject fingerprint, ITrainer trainer) =>
        Read(path,
            saved => FirstDifference(saved, fingerprint) is { } difference
                ? $"the checkpoint in '{directory}' belongs to a different run: {difference}; resume with the same declaration, data and --seed, or choose another --out"
                : null,
            (header, reader) =>
            {
                trainer.ReadState(reader);
                if (reader.BaseStream.Position != reader.BaseStream.Length)
                    throw new UnreadableCheckpointException($"the checkpoint '{path}' holds {reader.BaseStream.Length - reader.BaseStream.Position} bytes after the trainer's state, so it was written by another version of this declaration");
                return header;
            });

    /// <summary>Null when the checkpoint at <paramref name="path"/> can be read (whatever run it belongs to), else why not.</summary>
    public static string? Unreadable(string path)
    {
        try
        {
            Read(path, _ => null, (header, _) => header);
            return null;
        }
        catch (UnreadableCheckpointException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Reads the checkpoint at <paramref name="path"/>: verifies its checksum, lets <paramref name="refuse"/> see
    /// its fingerprint (an error message to stop, or null), then <paramref name="readState"/> reads the trainer state.
    /// </summary>
    public static T Read<T>(string path, Func<JsonObject, string?> refuse, Func<Header, BinaryReader, T> readState)
    {
        byte[] payload;
        try
        {
            using var file = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (file.BaseStream.Length < Magic.Length + 1 || file.ReadString() != Magic)
                throw new UnreadableCheckpointException($"'{path}' is not an EvoDsl checkpoint");
            int version = file.ReadInt32();
            if (version != Version)
                throw new UnreadableCheckpointException($"'{path}' is a version {version} checkpoint, written by an earlier EvoDsl; this one reads version {Version} (sealed with a checksum)");
            long length = file.ReadInt64();
            if (length < 0 || length != file.BaseStream.Length - file.BaseStream.Position - SHA256.HashSizeInBytes)
                throw new UnreadableCheckpointException($"the checkpoint '{path}' is damaged: it is {file.BaseStream.Length} bytes long, which does not match the length it records (truncated or extended)");
            payload = file.ReadBytes((int)length);
            byte[] stored = file.ReadBytes(SHA256.HashSizeInBytes);
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(stored))
                throw new UnreadableCheckpointException($"the checkpoint '{path}' is damaged: its SHA-256 checksum does not match its contents");
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            throw new UnreadableCheckpointException($"the checkpoint '{path}' cannot be read ({e.Message})", e);
        }

        // The checksum matched, so what follows was written by Write; a failure here is a version mismatch.
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            var saved = JsonNode.Parse(reader.ReadString())!.AsObject();
            if (refuse(saved) is { } error)
                throw new EvoDslException(error);
            var header = new Header(saved, reader.ReadString(), reader.ReadDouble());
            return readState(header, reader);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or FormatException)
        {
            throw new UnreadableCheckpointException($"the checkpoint '{path}' does not hold the state this declaration expects ({e.Message})", e);
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
