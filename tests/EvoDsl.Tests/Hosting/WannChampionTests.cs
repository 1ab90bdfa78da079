using EvoDsl.Hosting;
using EvoDsl.Tests.Data;
using EvoDsl.Wann;
using Xunit;

namespace EvoDsl.Tests.Hosting;

/// <summary>The WANN champion as the host reads wann-champion.csv: its layers and its picture.</summary>
public sealed class WannChampionTests
{
    /// <summary>An mnist256 champion (inputs 1-256, outputs 257-266): pixel 1 → Tanh → Sin → digit 0, whose split input → output connection is off.</summary>
    public const string TinyMnistChampion =
        "kind,id,activation_or_source,destination,enabled\n"
        + "node,267,Tanh,,\nnode,268,Sin,,\n"
        + "connection,0,1,257,0\nconnection,2570,1,267,1\nconnection,2571,267,268,1\nconnection,2572,268,257,1\n";

    /// <summary>
    /// Four inputs (a 2 × 2 image), two outputs (ids 5 and 6), hidden 7-10: 1 → 7 → 8 → 5, 2 → 8, 3 → 6, bias → 9 → 6,
    /// 10 fed by nothing; 8 → 9 and 7 → 10 are off, so they leave 9 and 10 in layer 1.
    /// </summary>
    private const string TinyNetwork =
        "kind,id,activation_or_source,destination,enabled\n"
        + "node,7,Tanh,,\nnode,8,Sin,,\nnode,9,ReLU,,\nnode,10,Gaussian,,\n"
        + "connection,0,1,5,0\nconnection,1,3,6,1\nconnection,2,1,7,1\nconnection,3,7,5,0\nconnection,4,7,8,1\nconnection,5,8,5,1\n"
        + "connection,6,2,8,1\nconnection,7,0,9,1\nconnection,8,9,6,1\nconnection,9,8,9,0\nconnection,10,7,10,0\nconnection,11,10,6,1\n";

    private static WannChampion Tiny(TempDirectory folder)
    {
        File.WriteAllText(folder.File(WannChampion.FileName), TinyNetwork);
        return WannChampion.Read(folder.File(WannChampion.FileName), inputs: 4, classes: [3, 7]);
    }

    [Fact]
    public void TheCsvReadsAsTheNetworkItRecords()
    {
        using var folder = new TempDirectory();
        WannChampion champion = Tiny(folder);

        Assert.Equal([new(7, WannActivation.Tanh), new(8, WannActivation.Sin), new(9, WannActivation.ReLU), new(10, WannActivation.Gaussian)], champion.Hidden);
        Assert.Equal(12, champion.Connections.Count);
        Assert.Equal(8, champion.EnabledConnections.Count());
        Assert.Equal([5, 6], new[] { champion.OutputId(0), champion.OutputId(1) });
    }

    [Fact]
    public void AHiddenNodeIsOnePastItsDeepestHiddenSourceOverEnabledConnectionsAndTheOutputsArePastThemAll()
    {
        using var folder = new TempDirectory();
        IReadOnlyDictionary<int, int> layers = Tiny(folder).Layers();

        Assert.Equal(new Dictionary<int, int>
        {
            [0] = 0, [1] = 0, [2] = 0, [3] = 0, [4] = 0, // bias and inputs
            [7] = 1, [8] = 2, [9] = 1, [10] = 1, // 9 and 10: their only hidden sources are off
            [5] = 3, [6] = 3,
        }, layers.OrderBy(p => p.Key).ToDictionary());
    }

    [Fact]
    public void ANetworkWithoutHiddenNodesHasItsOutputsInLayerOne()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("plain.csv"), "kind,id,activation_or_source,destination,enabled\nconnection,0,1,5,1\nconnection,1,0,6,1\n");
        var layers = WannChampion.Read(folder.File("plain.csv"), inputs: 4, classes: [0, 1]).Layers();
        Assert.Equal(1, layers[5]);
        Assert.Equal(1, layers[6]);
    }

    [Fact]
    public void AnEnabledCycleIsRefused()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("cycle.csv"),
            "kind,id,activation_or_source,destination,enabled\nnode,7,Tanh,,\nnode,8,Sin,,\nconnection,0,7,8,1\nconnection,1,8,7,1\n");
        var champion = WannChampion.Read(folder.File("cycle.csv"), inputs: 4, classes: [0, 1]);
        Assert.Contains("cycle", Assert.Throws<EvoDslException>(() => champion.Layers()).Message);
    }

    [Fact]
    public void TheChampionIsDrawnAsAPng()
    {
        using var folder = new TempDirectory();
        foreach ((string name, WannChampion champion) in new[]
        {
            ("tiny.png", Tiny(folder)),
            ("mnist256.png", Mnist256Champion(folder)),
        })
        {
            WannChampionPicture.Write(folder.File("pages"), name, "a tiny champion", champion);
            byte[] png = File.ReadAllBytes(Path.Combine(folder.File("pages"), name));
            Assert.True(png.Length > 10_000, $"{name}: {png.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        }
    }

    private static WannChampion Mnist256Champion(TempDirectory folder)
    {
        File.WriteAllText(folder.File("mnist256.csv"), TinyMnistChampion);
        return WannChampion.Read(folder.File("mnist256.csv"), EvoDsl.Data.Mnist256.Pixels, [.. Enumerable.Range(0, 10)]);
    }
}
