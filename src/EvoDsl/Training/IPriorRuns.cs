using EvoDsl.Nne;

namespace EvoDsl.Training;

/// <summary>
/// The results of other runs a run may start from (NNE + SignSGD starts from the allele frequencies an
/// NNE run learned). The host that keeps results folders provides it through <see cref="RunContext.PriorRuns"/>.
/// </summary>
public interface IPriorRuns
{
    /// <summary>
    /// The allele frequencies <paramref name="experiment"/> learned, refused unless that run had the same
    /// network settings, data and seed as <paramref name="context"/>'s run (so its graph and W are this run's).
    /// </summary>
    double[] AlleleFrequencies(RunContext context, string experiment, NneSettings network, DataSettings data);
}

/// <summary>No results folders: a run constructed outside a host (a test, a benchmark) has no prior runs to start from.</summary>
public sealed class NoPriorRuns : IPriorRuns
{
    public static NoPriorRuns Instance { get; } = new();

    public double[] AlleleFrequencies(RunContext context, string experiment, NneSettings network, DataSettings data) =>
        throw new EvoDslException($"this run starts from the allele frequencies of '{experiment}', but it runs without a results folder to find that run in; run it with the experiments runner");
}
