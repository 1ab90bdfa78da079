namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// A worker's grain for whole runs (<c>sweep ... --cluster</c>): starts a run on its silo and reports it, with its
/// latest checkpoint, so the coordinator keeps every run's state and can resume it elsewhere if the silo is lost.
/// </summary>
[Alias("EvoDsl.IRunWorker")]
public interface IRunWorker : IGrainWithStringKey
{
    /// <summary>Starts the run (or finds it started) and returns its status at once.</summary>
    [Alias("Start")]
    Task<RunStatus> Start(RunRequest request);

    /// <summary>The run's status; its checkpoint only if newer than <paramref name="knownCheckpoint"/>.</summary>
    [Alias("Poll")]
    Task<RunStatus> Poll(string runId, int knownCheckpoint);
}

/// <summary>
/// Run <paramref name="Experiment"/> with <paramref name="Seed"/> to <paramref name="Steps"/> steps, resuming from
/// <paramref name="Checkpoint"/> (a checkpoint.bin) when given; <paramref name="Fingerprint"/> is the coordinator's
/// declaration, data and seed, which the worker's must equal.
/// </summary>
[GenerateSerializer, Immutable, Alias("EvoDsl.RunRequest")]
public sealed record RunRequest(string RunId, string Experiment, int Seed, int Steps, string Fingerprint, byte[]? Checkpoint);

/// <summary>Where a run stands on its worker.</summary>
/// <param name="CheckpointVersion">How many checkpoints the worker has seen; <paramref name="Checkpoint"/> is the latest when newer than the poll's.</param>
/// <param name="Files">The results folder's files once the run has finished (metrics.csv, summary.json, plots, the checkpoint).</param>
/// <param name="Error">Why the run failed or was refused.</param>
[GenerateSerializer, Immutable, Alias("EvoDsl.RunStatus")]
public sealed record RunStatus(string RunId, RunState State, int CheckpointVersion, byte[]? Checkpoint, Dictionary<string, byte[]>? Files, string? Error);

public enum RunState
{
    Unknown,
    Running,
    Finished,
    Failed,

    /// <summary>Interrupted on the worker (its silo stopping): the coordinator continues it elsewhere from its checkpoint.</summary>
    Stopped,
}

public sealed class RunWorkerGrain(WorkerRuns runs) : Grain, IRunWorker
{
    public Task<RunStatus> Start(RunRequest request) => Task.FromResult(runs.Start(request));

    public Task<RunStatus> Poll(string runId, int knownCheckpoint) => Task.FromResult(runs.Poll(runId, knownCheckpoint));
}
