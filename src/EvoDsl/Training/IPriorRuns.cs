namespace EvoDsl.Training;

/// <summary>
/// The results of other runs a run may start from (NNE + SignSGD starts from the allele frequencies an
/// NNE run learned). The host that keeps results folders provides it through <see cref="RunContext.PriorRuns"/>;
/// the learning system reads its own state from it.
/// </summary>
public interface IPriorRuns
{
    /// <summary>
    /// The state <paramref name="experiment"/>'s last checkpoint holds, read by <paramref name="readState"/>;
    /// refused unless that run had the same <paramref name="settings"/>, data and seed as <paramref name="context"/>'s run.
    /// </summary>
    T Read<T>(RunContext context, string experiment, object settings, DataSettings? data, Func<BinaryReader, T> readState);
}

/// <summary>No results folders: a run constructed outside a host (a test, a benchmark) has no prior runs to start from.</summary>
public sealed class NoPriorRuns : IPriorRuns
{
    public static NoPriorRuns Instance { get; } = new();

    public T Read<T>(RunContext context, string experiment, object settings, DataSettings? data, Func<BinaryReader, T> readState) =>
        throw new EvoDslException($"this run starts from the results of '{experiment}', but it runs without a results folder to find that run in; run it with the experiments runner");
}
