using System.Net;
using System.Net.Sockets;
using EvoDsl.Hosting;
using EvoDsl.Tests.Data;
using EvoDsl.Tests.Hosting;
using EvoDsl.Tests.Nne;

namespace EvoDsl.Tests.Cluster;

/// <summary>What the cluster tests share: a folder with a small IDX data set, the experiment they split, a free port.</summary>
public abstract class ClusterTestData : IDisposable
{
    protected ClusterTestData()
    {
        Data = Folder.File("data");
        RunSafetyTests.WriteData(Data, seed: 1);
    }

    private protected TempDirectory Folder { get; } = new();

    /// <summary>Synthetic digits 0-2 in IDX files, as workers and coordinators read them with --data.</summary>
    protected string Data { get; }

    /// <summary>A population of three blocks, the last one partly filled.</summary>
    protected static ExperimentDescriptor Experiment => BlocksNne.Descriptor;

    /// <summary>The coordinator's fingerprint of <see cref="Experiment"/> with <paramref name="seed"/> on <see cref="Data"/>.</summary>
    protected string Fingerprint(int seed) => Checkpoint.Fingerprint(Experiment, seed, EvoDsl.Data.ImageDataset.Sha256(Data)).ToJsonString();

    /// <summary>A trainer of <see cref="Experiment"/> on <see cref="Data"/>, as the coordinator builds it.</summary>
    protected IPartitionedTrainer Trainer(int seed, int threads) =>
        (IPartitionedTrainer)Experiment.Create(ExperimentRunner.Quiet().LoadData(Experiment, new RunOptions(DataDirectory: Data), (ulong)seed, threads));

    protected static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
