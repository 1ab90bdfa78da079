using EvoDsl.Generated;
using EvoDsl.Hosting;
using EvoDsl.Hosting.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace EvoDsl.Tests.Cluster;

/// <summary>Whole runs sent to a cluster's workers (<c>sweep</c>): their results are the local runs', a lost worker's run included.</summary>
public sealed class ClusterSweepTests : ClusterTestData
{
    private string Local(int seed, int steps)
    {
        string output = Folder.File($"local-{seed}");
        ExperimentRunner.Quiet().Run(Experiment, new RunOptions(Steps: steps, Seed: seed, Threads: 1, DataDirectory: Data, OutputDirectory: output));
        return output;
    }

    /// <summary>metrics.csv without the seconds column, which is wall time.</summary>
    private static string[] Metrics(string output) =>
        [.. File.ReadAllLines(Path.Combine(output, "metrics.csv")).Select(line => string.Join(',', line.Split(',')[..^1]))];

    [Fact]
    public async Task ASweepWhoseWorkerIsLostFinishesWithTheLocalRunsResults()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((silo, services) =>
        {
            ClusterHosts.ConfigureWorker(services);
            var options = new WorkerOptions(Threads: 1, DataDirectory: Data);
            services.Services.AddSingleton(new WorkerTrainers(ExperimentCatalog.All, options));
            services.Services.AddSingleton(new WorkerRuns(ExperimentCatalog.All, options, Folder.File($"scratch-{silo.SiloName}")));
        });
        await using InProcessTestCluster cluster = builder.Build();
        await cluster.DeployAsync(TestContext.Current.CancellationToken);

        // Seed 1 has a checkpoint at generation 2 from an earlier worker; the sweep continues it from there.
        const int steps = 6;
        string results = Folder.File("results");
        string seed1 = Path.Combine(results, Experiment.Name, "seed-1"), seed2 = Path.Combine(results, Experiment.Name, "seed-2");
        ExperimentRunner.Quiet().Run(Experiment, new RunOptions(Steps: 2, Seed: 1, Threads: 1, DataDirectory: Data, OutputDirectory: Folder.File("earlier")), TestContext.Current.CancellationToken);
        Directory.CreateDirectory(seed1);
        File.Copy(Path.Combine(Folder.File("earlier"), Checkpoint.FileName), Path.Combine(seed1, Checkpoint.FileName));

        // Whichever run the first silo takes, it holds until the silo is killed; the run then goes to the other.
        var held = new TaskCompletionSource();
        cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<WorkerRuns>().BeforeRun = stopping =>
        {
            held.TrySetResult();
            return Task.Delay(Timeout.Infinite, stopping);
        };
        var sweep = new ClusterSweep(cluster.Client, _ => { }, poll: TimeSpan.FromMilliseconds(100));
        Task running = sweep.Run(
        [
            new ClusterSweep.Job(Experiment.Name, 1, steps, seed1, Fingerprint(1)),
            new ClusterSweep.Job(Experiment.Name, 2, steps, seed2, Fingerprint(2)),
        ], TestContext.Current.CancellationToken);
        await held.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await cluster.KillSiloAsync(cluster.Silos[0], TestContext.Current.CancellationToken);
        await running.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal(1, sweep.Resumed);
        foreach (var (seed, output) in new[] { (1, seed1), (2, seed2) })
        {
            string local = Local(seed, steps);
            Assert.Equal(Metrics(local), Metrics(output));
            Assert.Equal(File.ReadAllText(Path.Combine(local, "allele-frequencies.csv")), File.ReadAllText(Path.Combine(output, "allele-frequencies.csv")));
            Assert.True(File.Exists(Path.Combine(output, "summary.json")));
        }
    }
}
