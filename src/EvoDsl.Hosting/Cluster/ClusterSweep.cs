using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// Whole runs over a cluster (<c>sweep ... --cluster</c>): each run goes to a silo with no run of this sweep, which
/// runs it and reports its checkpoints as it goes; the coordinator writes every checkpoint into the run's results
/// folder, so a run whose silo is lost continues on another from its last checkpoint, exactly as a resumed local
/// run. When a run finishes, its results folder is written here as the worker wrote it.
/// </summary>
public sealed class ClusterSweep(IClusterClient client, Action<string> log, TimeSpan? poll = null)
{
    private readonly TimeSpan _poll = poll ?? TimeSpan.FromSeconds(2);

    /// <summary>One run of a sweep: the experiment, its seed and steps, its results folder here, and the fingerprint it must match.</summary>
    public sealed record Job(string Experiment, int Seed, int Steps, string Output, string Fingerprint);

    /// <summary>How long a start or a poll may take: both answer at once, so one that does not was lost on the way (a dead gateway).</summary>
    private static readonly TimeSpan CallPatience = TimeSpan.FromSeconds(30);

    /// <summary>Runs resumed on another silo after theirs was lost, for the log and the tests.</summary>
    public int Resumed { get; private set; }

    public async Task Run(IReadOnlyList<Job> jobs, CancellationToken cancellation)
    {
        var pending = new Queue<Job>(jobs);
        var running = new Dictionary<SiloAddress, (Job Job, string RunId, int Version)>();
        // A worker keeps the runs it was given for as long as it lives: a run's id must not repeat an earlier sweep's.
        string sweep = Guid.NewGuid().ToString("N")[..12];
        int attempt = 0;
        while (pending.Count > 0 || running.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            SiloAddress[] live = await ClusterHosts.LiveSilos(client, cancellation);
            foreach (SiloAddress lost in running.Keys.Where(s => !live.Contains(s)).ToArray())
            {
                Job job = running[lost].Job;
                running.Remove(lost);
                Resumed++;
                log($"{Name(job)}: its worker {lost} left the cluster; continuing it on another from its last checkpoint");
                pending.Enqueue(job);
            }
            foreach (SiloAddress silo in live.Where(s => !running.ContainsKey(s)))
            {
                if (!pending.TryDequeue(out Job? job))
                    break;
                string checkpoint = Path.Combine(job.Output, Checkpoint.FileName);
                byte[]? resumeFrom = File.Exists(checkpoint) ? await File.ReadAllBytesAsync(checkpoint, cancellation) : null;
                string runId = $"{job.Experiment}-seed-{job.Seed}-{sweep}-{++attempt}";
                RunStatus started;
                try
                {
                    started = await Call(silo, worker => worker.Start(new RunRequest(runId, job.Experiment, job.Seed, job.Steps, job.Fingerprint, resumeFrom)))
                        .WaitAsync(CallPatience, cancellation);
                }
                catch (Exception e) when (e is not (EvoDslException or OperationCanceledException))
                {
                    pending.Enqueue(job); // not started there: the next round sends it to a live worker
                    continue;
                }
                log($"{Name(job)}: {(resumeFrom is null ? "started" : "resumed")} on {silo}");
                running[silo] = (job, runId, 0);
                Check(job, started);
            }
            foreach (var (silo, (job, runId, version)) in running.ToArray())
            {
                RunStatus status;
                try
                {
                    status = await Call(silo, worker => worker.Poll(runId, version)).WaitAsync(CallPatience, cancellation);
                }
                catch (Exception e) when (e is not (EvoDslException or OperationCanceledException))
                {
                    continue; // the membership check above decides whether the silo is gone
                }
                Check(job, status);
                if (status.Checkpoint is { } bytes)
                {
                    Directory.CreateDirectory(job.Output);
                    AtomicFile.WriteAllBytes(Path.Combine(job.Output, Checkpoint.FileName), bytes);
                    running[silo] = (job, runId, status.CheckpointVersion);
                }
                if (status.State == RunState.Finished)
                {
                    foreach (var (name, content) in status.Files!)
                        AtomicFile.WriteAllBytes(Path.Combine(job.Output, Path.GetFileName(name)), content);
                    running.Remove(silo);
                    log($"{Name(job)}: finished on {silo}");
                }
                else if (status.State is RunState.Unknown or RunState.Stopped)
                {
                    // Stopped with its silo, or unknown to a silo that restarted under the same address: from its checkpoint, elsewhere.
                    running.Remove(silo);
                    Resumed++;
                    pending.Enqueue(job);
                }
            }
            if (running.Count > 0 || pending.Count > 0)
                await Task.Delay(live.Length == 0 ? TimeSpan.FromSeconds(1) : _poll, cancellation);
        }
    }

    private static string Name(Job job) => $"{job.Experiment} seed {job.Seed}";

    private static void Check(Job job, RunStatus status)
    {
        if (status.State == RunState.Failed)
            throw new EvoDslException($"{Name(job)} failed on a worker: {status.Error}");
    }

    /// <summary>Calls the silo's run worker; the placement hint, set while the call is sent, activates it on that silo.</summary>
    private Task<RunStatus> Call(SiloAddress silo, Func<IRunWorker, Task<RunStatus>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return call(client.GetGrain<IRunWorker>(silo.ToParsableString()));
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }
}
