using EvoDsl.Hosting.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace EvoDsl.Hosting;

/// <summary><c>reproduce TARGET --cluster ...</c>: the runs a page needs go to the cluster's workers, a page's seeds at once.</summary>
public sealed partial class Reproduction : IDisposable
{
    private IHost? _client;

    /// <summary>
    /// Brings each run to its steps on the cluster (<see cref="ClusterSweep"/>, all at once), unless its results already reach
    /// them; a run with a checkpoint in its folder continues from it.
    /// </summary>
    private Outcome[] OnCluster(IReadOnlyList<(string Experiment, int Steps, int? Seed)> runs, CancellationToken cancellation)
    {
        var jobs = new List<ClusterSweep.Job>();
        foreach (var (experiment, steps, seed) in runs)
        {
            string output = Output(experiment, seed);
            if (Read(output) is { } done && done.Steps >= steps)
                continue;
            ExperimentDescriptor descriptor = Declared(experiment);
            int runSeed = seed ?? descriptor.Run.Seed;
            string? sha256 = descriptor.Data is null ? null : ExperimentRunner.DataSha256(options.DataDirectory);
            jobs.Add(new ClusterSweep.Job(experiment, runSeed, steps, output, Checkpoint.Fingerprint(descriptor, runSeed, sha256).ToJsonString()));
        }
        if (jobs.Count > 0)
        {
            _trained = true;
            _client ??= ClusterHosts.Client(ClusterAddress.Parse(options.Cluster!, "--cluster", worker: false), cancellation).GetAwaiter().GetResult();
            var sweep = new ClusterSweep(_client.Services.GetRequiredService<IClusterClient>(), line => console.MarkupLine(Markup.Escape("  " + line)));
            sweep.Run(jobs, cancellation).GetAwaiter().GetResult();
        }
        return [.. runs.Select(run => Read(Output(run.Experiment, run.Seed))
                                      ?? throw new EvoDslException($"the cluster's run of '{run.Experiment}' left no results in '{Output(run.Experiment, run.Seed)}'"))];
    }

    public void Dispose()
    {
        if (_client is null)
            return;
        _client.StopAsync().GetAwaiter().GetResult();
        _client.Dispose();
        _client = null;
    }
}
