namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// A worker's grain: computes parts of a step for the coordinator. One is placed on each silo (the coordinator
/// hints the placement), and all of a silo's share its <see cref="WorkerTrainers"/>.
/// </summary>
[Alias("EvoDsl.IPartWorker")]
public interface IPartWorker : IGrainWithStringKey
{
    [Alias("Compute")]
    Task<PartResult> Compute(PartRequest request);
}

/// <summary>Parts [First, First + Count) of step Step of the run of Experiment with Seed, from State (NNE: p).</summary>
/// <param name="Fingerprint">The coordinator's checkpoint fingerprint (declaration, data, seed): a worker whose own differs refuses.</param>
[GenerateSerializer, Immutable, Alias("EvoDsl.PartRequest")]
public sealed record PartRequest(string Experiment, int Seed, string Fingerprint, int Step, double[] State, int First, int Count);

/// <summary>The parts' results, or why the worker refused them (a refusal is not retried elsewhere: every worker would refuse).</summary>
[GenerateSerializer, Immutable, Alias("EvoDsl.PartResult")]
public sealed record PartResult(float[]? Results, string? Refusal);

/// <summary>The grain: the work runs on the .NET thread pool through <see cref="WorkerTrainers"/>, not on the Orleans scheduler.</summary>
public sealed class PartWorkerGrain(WorkerTrainers trainers) : Grain, IPartWorker
{
    public async Task<PartResult> Compute(PartRequest request)
    {
        try
        {
            return new PartResult(await trainers.Compute(request), null);
        }
        catch (Exception e) when (e is EvoDslException or ArgumentException)
        {
            return new PartResult(null, e.Message);
        }
    }
}
