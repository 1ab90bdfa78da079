using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// The two ends of a cluster as Orleans hosts: a worker (a silo serving <see cref="IPartWorker"/>) and the
/// coordinator's client. Both listen on or connect to the addresses given, loopback by default.
/// </summary>
public static class ClusterHosts
{
    /// <summary>Orleans' service and cluster ids for EvoDsl's clusters.</summary>
    public const string ServiceId = "evodsl", ClusterId = "evodsl";

    /// <summary>
    /// Calls carry a share of one step: seconds at the paper's sizes. A call longer than this is treated as
    /// lost and its share computed elsewhere (the default, 30 s, would be too short for a large share).
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The worker's silo: the catalog's experiments, its own data, <paramref name="options"/>' threads.</summary>
    public static IHost Worker(IReadOnlyList<ExperimentDescriptor> catalog, WorkerOptions options, ClusterAddress cluster,
        int siloPort, int gatewayPort, IPAddress listen)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        Quieten(builder.Logging);
        builder.Services.AddSingleton(new WorkerTrainers(catalog, options));
        builder.Services.AddSingleton(new WorkerRuns(catalog, options, options.Scratch ?? Path.Combine(Path.GetTempPath(), $"evodsl-worker-{siloPort}")));
        builder.UseOrleans(silo =>
        {
            ConfigureWorker(silo);
            switch (cluster)
            {
                case ClusterAddress.Primary:
                    silo.UseLocalhostClustering(siloPort, gatewayPort, null, ServiceId, ClusterId);
                    break;
                case ClusterAddress.Localhost(int primary):
                    silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primary), ServiceId, ClusterId);
                    break;
                case ClusterAddress.Redis redis:
                    silo.UseRedisClustering(redis.ConnectionString)
                        .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, ClusterId))
                        .ConfigureEndpoints(listen, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                    break;
            }
            if (cluster is not ClusterAddress.Redis && !IPAddress.IsLoopback(listen))
                throw new EvoDslException($"--listen {listen}: a development cluster (--cluster primary or localhost:PORT) listens on loopback only; use --cluster redis://HOST:PORT for workers on several machines");
        });
        return builder.Build();
    }

    /// <summary>
    /// Warnings and errors, but only errors from Orleans itself: its warnings at start (server GC, a watchdog that
    /// counts from the process's start) say nothing a researcher can act on.
    /// </summary>
    private static void Quieten(ILoggingBuilder logging) =>
        logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);

    /// <summary>What every worker silo needs, also the test cluster's: the grain's timeout.</summary>
    public static void ConfigureWorker(ISiloBuilder silo) =>
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);

    /// <summary>The coordinator's connection to the cluster at <paramref name="cluster"/>, started.</summary>
    public static async Task<IHost> Client(ClusterAddress cluster, CancellationToken cancellation)
    {
        // Orleans' client retries a refused gateway for minutes; a closed port is said at once.
        (string address, int port, string what) = cluster switch
        {
            ClusterAddress.Localhost(int gateway) => ("127.0.0.1", gateway, "no worker's gateway listens there; start one ('worker --cluster primary --gateway-port PORT')"),
            ClusterAddress.Redis redis => (redis.Host, redis.Port, "no Redis server listens there"),
            _ => throw new EvoDslException("a coordinator connects to 'localhost:PORT' or 'redis://HOST:PORT'"),
        };
        await Probe(address, port, $"--cluster {Describe(cluster)}: {what}", cancellation).ConfigureAwait(false);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        Quieten(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            switch (cluster)
            {
                case ClusterAddress.Localhost(int gateway):
                    client.UseLocalhostClustering(gateway, ServiceId, ClusterId);
                    break;
                case ClusterAddress.Redis redis:
                    client.UseRedisClustering(redis.ConnectionString)
                        .Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, ClusterId));
                    break;
                default:
                    throw new EvoDslException("a coordinator connects to 'localhost:PORT' or 'redis://HOST:PORT'");
            }
        });
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new EvoDslException($"could not connect to the cluster at {Describe(cluster)} ({e.GetBaseException().Message}); start a worker there first ('worker --cluster ...')", e);
        }
        return host;
    }

    /// <summary>
    /// The cluster's active silos, in a fixed order. A query sent through a gateway that has just died never
    /// answers, so each try waits 10 s and the next goes through another; after a minute without an answer the
    /// cluster is taken to be gone.
    /// </summary>
    public static async Task<SiloAddress[]> LiveSilos(IClusterClient client, CancellationToken cancellation = default)
    {
        Exception? last = null;
        for (int attempt = 0; attempt < 6; attempt++)
        {
            try
            {
                Dictionary<SiloAddress, SiloStatus> hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                    .WaitAsync(TimeSpan.FromSeconds(10), cancellation).ConfigureAwait(false);
                return [.. hosts.Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal)];
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
            }
        }
        throw new EvoDslException($"the cluster has not said which workers are in it for a minute ({last?.GetBaseException().Message}); are its workers running?", last);
    }

    /// <summary>The primary silo or Redis a worker is told to join, reachable (a silo would otherwise retry for minutes).</summary>
    public static Task ProbeFromWorker(ClusterAddress cluster, CancellationToken cancellation) => cluster switch
    {
        ClusterAddress.Localhost(int primary) => Probe("127.0.0.1", primary,
            $"--cluster localhost:{primary}: no primary silo listens there; start the first worker with '--cluster primary --silo-port {primary}'", cancellation),
        ClusterAddress.Redis redis => Probe(redis.Host, redis.Port, $"--cluster {Describe(cluster)}: no Redis server listens there", cancellation),
        _ => Task.CompletedTask,
    };

    private static async Task Probe(string host, int port, string refused, CancellationToken cancellation)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new EvoDslException($"{refused} ({e.Message})", e);
        }
    }

    public static string Describe(ClusterAddress cluster) => cluster switch
    {
        ClusterAddress.Primary => "this machine (primary silo)",
        ClusterAddress.Localhost(int port) => $"localhost:{port}",
        ClusterAddress.Redis redis => $"redis://{redis.ConnectionString}",
        _ => cluster.ToString(),
    };
}
