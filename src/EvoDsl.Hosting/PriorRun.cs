using System.Globalization;
using System.Text.Json.Nodes;
using EvoDsl.Nne;
using EvoDsl.Training;

namespace EvoDsl.Hosting;

/// <summary>
/// The results of another experiment a run starts from: NNE + SignSGD takes the allele frequencies an
/// NNE run learned, from that run's checkpoint in the folder that holds every run's results folder.
/// </summary>
public sealed class PriorRun(string resultsDirectory) : IPriorRuns
{
    /// <summary>
    /// p from <c>RESULTS/<paramref name="experiment"/>/checkpoint.bin</c>, refused unless that run had the same
    /// network settings, data (by content) and seed (so its graph and W are this run's), as <c>--resume</c> checks
    /// a checkpoint; says in the run's log which generation it took and how accurate that network was.
    /// </summary>
    public double[] AlleleFrequencies(RunContext context, string experiment, NneSettings network, DataSettings data)
    {
        string path = Path.Combine(resultsDirectory, experiment, Checkpoint.FileName);
        if (!File.Exists(path))
            throw new EvoDslException($"this run starts from the allele frequencies of '{experiment}', but '{path}' does not exist; run '{experiment}' first (it writes its checkpoint at every evaluation)");
        JsonObject expected = Checkpoint.Fingerprint(network, data, (int)context.Seed, context.DataSha256);
        var alleles = new double[network.Genes];
        Checkpoint.Header header;
        int generation;
        try
        {
            (header, generation) = Checkpoint.Read(path,
                saved => Checkpoint.FirstDifference(saved, expected) is { } difference
                    ? $"'{path}' was written by a run with other settings ({difference}); NNE + SignSGD needs the same [Mnist], [HiddenLayer], [Nne], data and --seed as '{experiment}'"
                    : null,
                (header, reader) => (header, AlleleState.Read(reader, alleles).Generation));
        }
        catch (UnreadableCheckpointException e)
        {
            throw new EvoDslException($"{e.Message}; run '{experiment}' again (with --overwrite) to give this run allele frequencies to start from", e);
        }
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"starting from the allele frequencies of '{experiment}' at generation {generation} ({path}){Accuracy(header.Metrics)}"));
        return alleles;
    }

    /// <summary>", whose W·round(p) had 91.20% test accuracy at its last evaluation (generation 300)", from the checkpoint's metrics.</summary>
    private static string Accuracy(string metricsCsv)
    {
        MetricsTable metrics = MetricsTable.FromCsv(metricsCsv);
        return metrics.Last("test_accuracy") is { } accuracy && metrics.Last("generation") is { } at
            ? string.Create(CultureInfo.InvariantCulture, $", whose W·round(p) had {accuracy * 100:F2}% test accuracy at its last evaluation (generation {at})")
            : ", which has no evaluation recorded";
    }
}
