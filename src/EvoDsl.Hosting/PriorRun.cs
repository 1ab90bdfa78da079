using System.Globalization;
using System.Text.Json.Nodes;

namespace EvoDsl.Hosting;

/// <summary>
/// The results of another experiment a run starts from (NNE + SignSGD takes the allele frequencies an NNE
/// run learned), read from that run's checkpoint in the folder that holds every run's results folder.
/// </summary>
public sealed class PriorRun(string resultsDirectory) : IPriorRuns
{
    /// <summary>
    /// Checked as <c>--resume</c> checks a checkpoint (settings, data by content, seed), so the other run's
    /// network is this run's; says in the run's log which step it took and how that run scored there.
    /// </summary>
    public T Read<T>(RunContext context, string experiment, object settings, DataSettings? data, Func<BinaryReader, T> readState)
    {
        string path = Path.Combine(resultsDirectory, experiment, Checkpoint.FileName);
        if (!File.Exists(path))
            throw new EvoDslException($"this run starts from the results of '{experiment}', but '{path}' does not exist; run '{experiment}' first (it writes its checkpoint at every evaluation)");
        JsonObject expected = Checkpoint.Fingerprint(settings, data, (int)context.Seed, context.DataSha256);
        Checkpoint.Header header;
        T state;
        try
        {
            (header, state) = Checkpoint.Read(path,
                saved => Checkpoint.FirstDifference(saved, expected) is { } difference
                    ? $"'{path}' was written by a run with other settings ({difference}); this run needs the same data, --seed and settings of '{experiment}'"
                    : null,
                (header, reader) => (header, readState(reader)));
        }
        catch (UnreadableCheckpointException e)
        {
            throw new EvoDslException($"{e.Message}; run '{experiment}' again (with --overwrite) to give this run results to start from", e);
        }
        context.Log($"starting from the results of '{experiment}' ({path}){LastEvaluation(header.Metrics)}");
        return state;
    }

    /// <summary>": its last evaluation, at generation 300, had test accuracy 91.20%", from the checkpoint's metrics.</summary>
    private static string LastEvaluation(string metricsCsv)
    {
        MetricsTable metrics = MetricsTable.FromCsv(metricsCsv);
        if (metrics.LastRow() is not { Count: > 0 } row)
            return ", which has no evaluation recorded";
        string accuracy = row.FirstOrDefault(m => m.Name == "test_accuracy") is { Name: not null } test
            ? string.Create(CultureInfo.InvariantCulture, $" had test accuracy {test.Value * 100:F2}%")
            : " is recorded";
        return string.Create(CultureInfo.InvariantCulture, $": its last evaluation, at {row[0].Name} {row[0].Value},{accuracy}");
    }
}
