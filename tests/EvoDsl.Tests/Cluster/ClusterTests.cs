using EvoDsl.Generated;
using EvoDsl.Hosting;
using EvoDsl.Hosting.Cluster;
using EvoDsl.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace EvoDsl.Tests.Cluster;

/// <summary>Runs whose generations are computed by the workers of an Orleans cluster (2-3 silos in this process).</summary>
public sealed class ClusterTests : ClusterTestData
{
    private const int Seed = 5;

    private async Task<InProcessTestCluster> Start(short silos, string data)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            ClusterHosts.ConfigureWorker(silo);
            silo.Services.AddSingleton(new WorkerTrainers(ExperimentCatalog.All, new WorkerOptions(Threads: 1, DataDirectory: data)));
        });
        InProcessTestCluster cluster = builder.Build();
        await cluster.DeployAsync(TestContext.Current.CancellationToken);
        return cluster;
    }

    private (IPartitionedTrainer Trainer, string Fingerprint) Coordinator() => (Trainer(Seed, threads: 1), Fingerprint(Seed));

    private double[] LocalAlleles(int generations)
    {
        using IPartitionedTrainer local = Trainer(Seed, threads: 2);
        for (int g = 0; g < generations; g++)
            local.Step();
        return local.PartState();
    }

    private readonly List<string> _log = [];

    private ClusterParts Parts(InProcessTestCluster cluster, IPartitionedTrainer trainer, string fingerprint) =>
        new(cluster.Client, Experiment.Name, Seed, fingerprint, trainer.Parts, trainer.ResultsPerPart, _log.Add,
            membershipPoll: TimeSpan.FromMilliseconds(200), minimumPatience: TimeSpan.FromSeconds(2));

    private static long PartsComputedOn(InProcessTestCluster cluster, InProcessSiloHandle silo) =>
        cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<WorkerTrainers>().PartsComputed;

    [Fact]
    public async Task ARunOverTwoSilosIsTheLocalRunBitForBit()
    {
        await using InProcessTestCluster cluster = await Start(2, Data);
        (IPartitionedTrainer coordinator, string fingerprint) = Coordinator();
        using (coordinator)
        {
            ClusterParts parts = Parts(cluster, coordinator, fingerprint);
            for (int g = 0; g < 4; g++)
                await Task.Run(() => coordinator.Step(parts.Compute), TestContext.Current.CancellationToken);

            Assert.Equal(LocalAlleles(4), coordinator.PartState());
            Assert.Equal(2, parts.LastSilos.Distinct().Count()); // one share per silo
            Assert.All(cluster.Silos, silo => Assert.True(PartsComputedOn(cluster, silo) > 0, $"silo {silo.SiloAddress} computed nothing"));
            Assert.Equal(0, parts.Reassigned);
        }
    }

    [Fact]
    public async Task SilosLostMidRunLeaveTheResultUnchanged()
    {
        await using InProcessTestCluster cluster = await Start(3, Data);
        (IPartitionedTrainer coordinator, string fingerprint) = Coordinator();
        using (coordinator)
        {
            ClusterParts parts = Parts(cluster, coordinator, fingerprint);
            for (int g = 0; g < 2; g++)
                await Task.Run(() => coordinator.Step(parts.Compute), TestContext.Current.CancellationToken);
            Assert.Equal(3, parts.LastSilos.Distinct().Count());

            // The third silo takes its share of the third generation and never answers: it is killed meanwhile,
            // and its share is computed by another.
            InProcessSiloHandle held = cluster.Silos[2];
            var taken = new TaskCompletionSource();
            cluster.GetSiloServiceProvider(held.SiloAddress).GetRequiredService<WorkerTrainers>().BeforeCompute = () =>
            {
                taken.TrySetResult();
                return Task.Delay(Timeout.Infinite);
            };
            Task third = Task.Run(() => coordinator.Step(parts.Compute), TestContext.Current.CancellationToken);
            await taken.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
            await cluster.KillSiloAsync(held, TestContext.Current.CancellationToken);
            await third.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            // At least the held share; a share sent through the killed silo's gateway meanwhile may be sent again too.
            Assert.True(parts.Reassigned >= 1, string.Join("\n", _log));

            // The second stops gracefully between generations; the last one carries the rest of the run.
            await cluster.StopSiloAsync(cluster.Silos[1], TestContext.Current.CancellationToken);
            for (int g = 3; g < 6; g++)
                await Task.Run(() => coordinator.Step(parts.Compute), TestContext.Current.CancellationToken);

            Assert.Equal(LocalAlleles(6), coordinator.PartState());
            Assert.Single(parts.LastSilos.Distinct());
        }
    }

    [Fact]
    public async Task AWorkerWithOtherDataRefusesInsteadOfComputing()
    {
        string other = Folder.File("other-data");
        RunSafetyTests.WriteData(other, seed: 7);
        await using InProcessTestCluster cluster = await Start(1, other);
        (IPartitionedTrainer coordinator, string fingerprint) = Coordinator();
        using (coordinator)
        {
            ClusterParts parts = Parts(cluster, coordinator, fingerprint);
            var error = await Assert.ThrowsAsync<EvoDslException>(() => Task.Run(() => coordinator.Step(parts.Compute), TestContext.Current.CancellationToken));
            Assert.Contains("differs from the coordinator's", error.Message);
        }
    }

    [Theory]
    [InlineData("primary", true, "Primary")]
    [InlineData("localhost:11111", true, "Localhost(11111)")]
    [InlineData("localhost:30000", false, "Localhost(30000)")]
    [InlineData("redis://10.0.0.5:6379", false, "Redis(10.0.0.5:6379)")]
    public void ClusterAddressesParse(string text, bool worker, string expected)
    {
        string parsed = ClusterAddress.Parse(text, "--cluster", worker) switch
        {
            ClusterAddress.Primary => "Primary",
            ClusterAddress.Localhost(int port) => $"Localhost({port})",
            ClusterAddress.Redis redis => $"Redis({redis.ConnectionString})",
            _ => "?",
        };
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("primary", false, "names a worker's role")]
    [InlineData("localhost:0", true, "is not a cluster address")]
    [InlineData("redis://nohost", true, "is not redis://HOST:PORT")]
    [InlineData("10.0.0.5:30000", false, "localhost:PORT")]
    public void BadClusterAddressesAreRefusedByName(string text, bool worker, string message)
    {
        var error = Assert.Throws<EvoDslException>(() => ClusterAddress.Parse(text, "--cluster", worker));
        Assert.Contains("--cluster", error.Message);
        Assert.Contains(message, error.Message);
    }
}
