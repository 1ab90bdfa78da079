using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EvoDsl.Hosting.Cluster;

/// <summary>A run's steps over a cluster (<c>run NAME --cluster ...</c>): the coordinator's client and its <see cref="ClusterParts"/>.</summary>
public sealed class ClusterRun : IDisposable
{
    private readonly IHost _client;
    private readonly IPartitionedTrainer _trainer;
    private readonly ComputeParts _compute;

    private ClusterRun(IHost client, IPartitionedTrainer trainer, ClusterParts parts)
    {
        _client = client;
        _trainer = trainer;
        Parts = parts;
        _compute = parts.Compute;
    }

    public ClusterParts Parts { get; }

    public static ClusterRun Start(string address, ExperimentDescriptor experiment, ITrainer trainer, int seed, string fingerprint,
        Action<string> log, CancellationToken cancellation)
    {
        if (trainer is not IPartitionedTrainer partitioned)
            throw new EvoDslException($"'{experiment.Name}' does not split its steps into parts that workers can compute; only NNE runs do so far: run it without --cluster");
        ClusterAddress cluster = ClusterAddress.Parse(address, "--cluster", worker: false);
        IHost client = ClusterHosts.Client(cluster, cancellation).GetAwaiter().GetResult();
        var parts = new ClusterParts(client.Services.GetRequiredService<IClusterClient>(), experiment.Name, seed, fingerprint,
            partitioned.Parts, partitioned.ResultsPerPart, log);
        log($"connected to the cluster at {ClusterHosts.Describe(cluster)}: each step's {partitioned.Parts} parts are computed by its workers");
        return new ClusterRun(client, partitioned, parts);
    }

    /// <summary>One step of the run, its parts computed by the cluster's workers.</summary>
    public void Step() => _trainer.Step(_compute);

    public void Dispose()
    {
        _client.StopAsync().GetAwaiter().GetResult();
        _client.Dispose();
    }
}
