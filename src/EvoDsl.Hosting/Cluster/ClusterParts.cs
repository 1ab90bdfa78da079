using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// The coordinator's side of a run over a cluster: each step's parts are split into one contiguous share per live
/// silo and computed there by that silo's <see cref="IPartWorker"/>; a share whose silo leaves the cluster (or
/// whose call fails) is computed again on a live one. Results land by part, so the step is the same whichever
/// silo computed what, and the same as a local step (<see cref="IPartitionedTrainer"/>).
/// </summary>
public sealed class ClusterParts(IClusterClient client, string experiment, int seed, string fingerprint, int parts, int resultsPerPart,
    Action<string>? log = null, TimeSpan? membershipPoll = null)
{
    private readonly TimeSpan _poll = membershipPoll ?? TimeSpan.FromSeconds(1);

    /// <summary>Failed shares one step tolerates before the run stops: lost workers are retried, a failing one is not forever.</summary>
    private const int FailuresPerStep = 10;

    /// <summary>Shares computed again after their silo left or their call failed, for the log and the tests.</summary>
    public int Reassigned { get; private set; }

    /// <summary>The silos that computed shares of the last step, by share.</summary>
    public IReadOnlyList<SiloAddress> LastSilos { get; private set; } = [];

    /// <summary>A <see cref="ComputeParts"/> for <see cref="IPartitionedTrainer.Step(ComputeParts)"/>: blocks until the step's parts are in.</summary>
    public void Compute(int step, double[] state, Span<float> results)
    {
        float[] all = ComputeAsync(step, state).GetAwaiter().GetResult();
        all.CopyTo(results);
    }

    public async Task<float[]> ComputeAsync(int step, double[] state)
    {
        var results = new float[parts * resultsPerPart];
        SiloAddress[] silos = await LiveSilos().ConfigureAwait(false);
        var pending = new Queue<(int First, int Count)>(Shares(silos.Length));
        var running = new Dictionary<Task<PartResult>, (int First, int Count, SiloAddress Silo)>();
        var used = new List<SiloAddress>();
        int failures = 0;
        while (pending.Count > 0 || running.Count > 0)
        {
            // Every live silo without a share in flight takes the next one.
            foreach (SiloAddress silo in silos.Where(s => running.Values.All(r => r.Silo != s)).ToArray())
            {
                if (!pending.TryDequeue(out var share))
                    break;
                running.Add(Call(silo, new PartRequest(experiment, seed, fingerprint, step, state, share.First, share.Count)), (share.First, share.Count, silo));
                used.Add(silo);
            }
            if (running.Count == 0)
            {
                silos = await WaitForSilos().ConfigureAwait(false);
                continue;
            }

            Task done = await Task.WhenAny(running.Keys.Append(Task.Delay(_poll))).ConfigureAwait(false);
            if (done is Task<PartResult> call)
            {
                var (first, count, silo) = running[call];
                running.Remove(call);
                if (call.IsCompletedSuccessfully)
                {
                    PartResult result = call.Result;
                    if (result.Refusal is { } refusal)
                        throw new EvoDslException($"a worker refused '{experiment}': {refusal}");
                    if (result.Results is not { } values || values.Length != count * resultsPerPart)
                        throw new EvoDslException($"a worker returned {result.Results?.Length ?? 0} results for {count} parts of {resultsPerPart}");
                    values.CopyTo(results, first * resultsPerPart);
                    continue;
                }
                string why = call.Exception?.GetBaseException().Message ?? "cancelled";
                if (++failures > FailuresPerStep)
                    throw new EvoDslException($"parts of step {step} failed {failures} times on the cluster's workers; the last: {why}");
                Lost(first, count, silo, why);
                pending.Enqueue((first, count));
                silos = [.. silos.Where(s => s != silo)];
                continue;
            }

            // The poll: a share whose silo has left is computed elsewhere; a late answer from it is ignored.
            SiloAddress[] live = await LiveSilos().ConfigureAwait(false);
            foreach (var (task, share) in running.Where(r => !live.Contains(r.Value.Silo)).ToArray())
            {
                running.Remove(task);
                Lost(share.First, share.Count, share.Silo, "it left the cluster");
                pending.Enqueue((share.First, share.Count));
                _ = task.ContinueWith(static t => t.Exception, TaskScheduler.Default); // observed, never used
            }
            silos = live;
        }
        LastSilos = used;
        return results;
    }

    private void Lost(int first, int count, SiloAddress silo, string why)
    {
        Reassigned++;
        log?.Invoke($"parts {first}-{first + count - 1} on silo {silo} failed ({why}); computing them on another");
    }

    /// <summary>One contiguous share per silo, as even as the parts allow.</summary>
    private IEnumerable<(int First, int Count)> Shares(int silos)
    {
        int shares = Math.Clamp(silos, 1, parts);
        for (int k = 0, first = 0; k < shares; k++)
        {
            int count = parts / shares + (k < parts % shares ? 1 : 0);
            yield return (first, count);
            first += count;
        }
    }

    /// <summary>The silo's worker grain: the placement hint puts it on that silo when it is first activated.</summary>
    private Task<PartResult> Call(SiloAddress silo, PartRequest request)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return client.GetGrain<IPartWorker>(silo.ToParsableString()).Compute(request);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private async Task<SiloAddress[]> LiveSilos() =>
        [.. (await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false)).Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)];

    private async Task<SiloAddress[]> WaitForSilos()
    {
        for (int attempt = 0; ; attempt++)
        {
            SiloAddress[] live = await LiveSilos().ConfigureAwait(false);
            if (live.Length > 0)
                return live;
            if (attempt == 60)
                throw new EvoDslException("no worker has been in the cluster for a minute; start one with 'worker --cluster ...'");
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }
}
