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
    Action<string>? log = null, TimeSpan? membershipPoll = null, TimeSpan? minimumPatience = null)
{
    private readonly TimeSpan _poll = membershipPoll ?? TimeSpan.FromSeconds(1);

    /// <summary>
    /// A share not back after max(this, 10 × the slowest share so far) is computed elsewhere too: a call can hang with
    /// its silo alive (sent through a gateway that died). Until a share has come back (a worker's first builds its
    /// network and loads its data) the call's own timeout, <see cref="ClusterHosts.ResponseTimeout"/>, applies.
    /// </summary>
    private readonly TimeSpan _patience = minimumPatience ?? TimeSpan.FromSeconds(30);
    private TimeSpan _slowest;

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
        var running = new Dictionary<Task<PartResult>, (int First, int Count, SiloAddress Silo, DateTime Sent)>();
        var used = new List<SiloAddress>();
        var failed = new HashSet<SiloAddress>(); // silos a share failed on in this step: not sent another, while membership catches up
        int failures = 0;
        while (pending.Count > 0 || running.Count > 0)
        {
            // Every live silo without a share in flight takes the next one.
            foreach (SiloAddress silo in silos.Where(s => running.Values.All(r => r.Silo != s)).ToArray())
            {
                if (!pending.TryDequeue(out var share))
                    break;
                running.Add(Call(silo, new PartRequest(experiment, seed, fingerprint, step, state, share.First, share.Count)), (share.First, share.Count, silo, DateTime.UtcNow));
                used.Add(silo);
            }
            if (running.Count == 0)
            {
                // Every silo left has failed a share of this step: wait for the cluster, then try them all again.
                if (failed.Count > 0)
                    await Task.Delay(_poll).ConfigureAwait(false);
                failed.Clear();
                silos = await WaitForSilos().ConfigureAwait(false);
                continue;
            }

            Task done = await Task.WhenAny(running.Keys.Append(Task.Delay(_poll))).ConfigureAwait(false);
            if (done is Task<PartResult> call)
            {
                var (first, count, silo, sent) = running[call];
                running.Remove(call);
                if (call.IsCompletedSuccessfully)
                {
                    if (DateTime.UtcNow - sent > _slowest)
                        _slowest = DateTime.UtcNow - sent;
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
                failed.Add(silo);
                silos = [.. silos.Where(s => !failed.Contains(s))];
                continue;
            }

            // The poll: a share whose silo has left, or that is long overdue, is computed elsewhere; a late answer is ignored.
            SiloAddress[] live = await LiveSilos().ConfigureAwait(false);
            TimeSpan overdue = _slowest == TimeSpan.Zero ? TimeSpan.MaxValue : Max(_patience, 10 * _slowest);
            foreach (var (task, share) in running.Where(r => !live.Contains(r.Value.Silo) || DateTime.UtcNow - r.Value.Sent > overdue).ToArray())
            {
                running.Remove(task);
                Lost(share.First, share.Count, share.Silo, live.Contains(share.Silo) ? $"no answer after {(DateTime.UtcNow - share.Sent).TotalSeconds:F0} s" : "it left the cluster");
                pending.Enqueue((share.First, share.Count));
                failed.Add(share.Silo);
                _ = task.ContinueWith(static t => t.Exception, TaskScheduler.Default); // observed, never used
            }
            silos = [.. live.Where(s => !failed.Contains(s))];
        }
        LastSilos = used;
        return results;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

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

    private Task<SiloAddress[]> LiveSilos() => ClusterHosts.LiveSilos(client);

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
