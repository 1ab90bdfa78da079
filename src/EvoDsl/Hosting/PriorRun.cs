using System.Text.Json;
using System.Text.Json.Nodes;
using EvoDsl.Nne;

namespace EvoDsl.Hosting;

/// <summary>
/// The results of another experiment a run starts from: NNE + SignSGD takes the allele frequencies an
/// NNE run learned, from that run's checkpoint next to this run's output folder.
/// </summary>
public static class PriorRun
{
    /// <summary>
    /// p from <c>RESULTS/<paramref name="experiment"/>/checkpoint.bin</c>, refused unless that run had the same
    /// network settings, data and seed (so its graph and W are this run's).
    /// </summary>
    public static double[] AlleleFrequencies(RunContext context, string experiment, NneSettings network, DataSettings data)
    {
        string path = Path.Combine(context.ResultsDirectory, experiment, Checkpoint.FileName);
        if (!File.Exists(path))
            throw new EvoDslException($"this run starts from the allele frequencies of '{experiment}', but '{path}' does not exist; run '{experiment}' first (it writes its checkpoint at every evaluation)");
        var expected = new JsonObject
        {
            ["algorithm"] = JsonSerializer.SerializeToNode(network),
            ["digits"] = data.Digits,
            ["train_per_class"] = data.TrainPerClass,
            ["seed"] = (int)context.Seed,
        };
        var alleles = new double[network.Genes];
        Checkpoint.Read(path,
            saved => Checkpoint.FirstDifference(saved, expected) is { } difference
                ? $"'{path}' was written by a run with other settings ({difference}); NNE + SignSGD needs the same [Mnist], [HiddenLayer], [Nne] and --seed as '{experiment}'"
                : null,
            reader => AlleleState.Read(reader, alleles));
        return alleles;
    }
}
