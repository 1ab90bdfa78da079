using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EvoDsl.Generated;
using EvoDsl.Hosting;
using EvoDsl.Hosting.Cluster;
using EvoDsl.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace EvoDsl.Tests.Cluster;

/// <summary>
/// The worker and coordinator hosts as the commands build them, over real TCP on loopback: two workers that find each
/// other through the development clustering's primary silo, or through a real redis-server this test starts and stops.
/// </summary>
public sealed class ClusterHostsTests : ClusterTestData
{
    private const int Seed = 3;

    [Fact]
    public async Task TwoWorkersJoinedThroughThePrimarySiloComputeTheLocalRun()
    {
        int primarySilo = FreePort(), primaryGateway = FreePort();
        await RunOverWorkers(new ClusterAddress.Primary(), new ClusterAddress.Localhost(primarySilo), new ClusterAddress.Localhost(primaryGateway),
            (primarySilo, primaryGateway), (FreePort(), FreePort()));
    }

    [Fact]
    public async Task TwoWorkersFoundThroughRedisComputeTheLocalRun()
    {
        using RedisServer redis = RedisServer.Start(Folder.File("redis"));
        var cluster = new ClusterAddress.Redis("127.0.0.1", redis.Port);
        await RunOverWorkers(cluster, cluster, cluster, (FreePort(), FreePort()), (FreePort(), FreePort()));
    }

    [Fact]
    public async Task TheSweepCommandRunsSeedsOnTheWorkersWithTheLocalResults()
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        int primarySilo = FreePort(), gateway = FreePort();
        using IHost one = ClusterHosts.Worker(ExperimentCatalog.All, new WorkerOptions(1, Data, Scratch: Folder.File("scratch-1")),
            new ClusterAddress.Primary(), primarySilo, gateway, IPAddress.Loopback);
        await one.StartAsync(cancellation);
        using IHost two = ClusterHosts.Worker(ExperimentCatalog.All, new WorkerOptions(1, Data, Scratch: Folder.File("scratch-2")),
            new ClusterAddress.Localhost(primarySilo), FreePort(), FreePort(), IPAddress.Loopback);
        await two.StartAsync(cancellation);
        try
        {
            string results = Folder.File("results");
            (int code, string output) = await Task.Run(() => Tests.Hosting.Host.Run("sweep", Experiment.Name, "--seeds", "1-2", "--steps", "4",
                "--cluster", $"localhost:{gateway}", "--results", results, "--data", Data), cancellation);
            Assert.True(code == 0, output);
            Assert.Contains("2 run(s) finished", output);
            for (int seed = 1; seed <= 2; seed++)
            {
                string local = Folder.File($"local-{seed}");
                Assert.Equal(0, Tests.Hosting.Host.Run("run", Experiment.Name, "--seed", $"{seed}", "--steps", "4", "--data", Data, "--out", local).ExitCode);
                string swept = Path.Combine(results, Experiment.Name, $"seed-{seed}");
                Assert.Equal(File.ReadAllText(Path.Combine(local, "allele-frequencies.csv")), File.ReadAllText(Path.Combine(swept, "allele-frequencies.csv")));
            }
            Assert.True(Directory.Exists(Folder.File("scratch-1")) && Directory.Exists(Folder.File("scratch-2")), "both workers ran a seed");

            // The same workers serve a second sweep of the same runs, longer: its own runs, not the first sweep's results.
            string longer = Folder.File("results-longer");
            (code, output) = await Task.Run(() => Tests.Hosting.Host.Run("sweep", Experiment.Name, "--seeds", "1", "--steps", "6",
                "--cluster", $"localhost:{gateway}", "--results", longer, "--data", Data), cancellation);
            Assert.True(code == 0, output);
            string local6 = Folder.File("local-6");
            Assert.Equal(0, Tests.Hosting.Host.Run("run", Experiment.Name, "--seed", "1", "--steps", "6", "--data", Data, "--out", local6).ExitCode);
            Assert.Equal(File.ReadAllText(Path.Combine(local6, "allele-frequencies.csv")),
                File.ReadAllText(Path.Combine(longer, Experiment.Name, "seed-1", "allele-frequencies.csv")));
        }
        finally
        {
            await two.StopAsync(CancellationToken.None);
            await one.StopAsync(CancellationToken.None);
        }
    }

    private async Task RunOverWorkers(ClusterAddress first, ClusterAddress second, ClusterAddress coordinator,
        (int Silo, int Gateway) firstPorts, (int Silo, int Gateway) secondPorts)
    {
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using IHost one = ClusterHosts.Worker(ExperimentCatalog.All, new WorkerOptions(1, Data), first, firstPorts.Silo, firstPorts.Gateway, IPAddress.Loopback);
        await one.StartAsync(cancellation);
        using IHost two = ClusterHosts.Worker(ExperimentCatalog.All, new WorkerOptions(1, Data), second, secondPorts.Silo, secondPorts.Gateway, IPAddress.Loopback);
        await two.StartAsync(cancellation);
        using IHost client = await ClusterHosts.Client(coordinator, cancellation);
        try
        {
            using IPartitionedTrainer coordinated = Trainer(Seed, threads: 1), local = Trainer(Seed, threads: 1);
            var parts = new ClusterParts(client.Services.GetRequiredService<IClusterClient>(), Experiment.Name, Seed,
                Fingerprint(Seed), coordinated.Parts, coordinated.ResultsPerPart);
            for (int g = 0; g < 3; g++)
            {
                await Task.Run(() => coordinated.Step(parts.Compute), cancellation);
                local.Step();
            }

            Assert.Equal(local.PartState(), coordinated.PartState());
            Assert.Equal(2, parts.LastSilos.Distinct().Count());
            Assert.All(new[] { one, two }, worker => Assert.True(worker.Services.GetRequiredService<WorkerTrainers>().PartsComputed > 0));
        }
        finally
        {
            await client.StopAsync(CancellationToken.None);
            await two.StopAsync(CancellationToken.None);
            await one.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Debian's redis-server on a free loopback port, without persistence, stopped on dispose.</summary>
    private sealed class RedisServer : IDisposable
    {
        private readonly Process _process;

        private RedisServer(Process process, int port) => (_process, Port) = (process, port);

        public int Port { get; }

        public static RedisServer Start(string directory)
        {
            const string executable = "/usr/bin/redis-server";
            if (!File.Exists(executable))
                Assert.Fail($"{executable} is missing: install Debian's package (apt-get install redis-server), as README.md's setup says");
            Directory.CreateDirectory(directory);
            int port = FreePort();
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (string arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
                start.ArgumentList.Add(arg);
            var process = Process.Start(start)!;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return new RedisServer(process, port);
                }
                catch (SocketException)
                {
                    if (process.HasExited)
                        Assert.Fail($"redis-server exited at start: {process.StandardError.ReadToEnd()}{process.StandardOutput.ReadToEnd()}");
                    Thread.Sleep(50);
                }
            }
            process.Kill();
            Assert.Fail("redis-server did not listen within 20 s");
            return null!;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
