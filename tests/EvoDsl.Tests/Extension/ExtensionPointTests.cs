using System.Globalization;
using EvoDsl.Tests.Data;
using EvoDsl.Tests.Hosting;
using Xunit;

namespace EvoDsl.Tests.Extension;

/// <summary>
/// A learning system declared outside EvoDsl (RandomSearch.cs: an attribute, a trainer and one experiment,
/// no generator file) runs through the generated catalog and the runner like a built-in one.
/// </summary>
public sealed class ExtensionPointTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _data;

    public ExtensionPointTests()
    {
        _data = _folder.File("data");
        RunSafetyTests.WriteData(_data, seed: 1);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TheCatalogListsItWithItsOwnNounsAndSettings()
    {
        ExperimentDescriptor descriptor = Generated.ExperimentCatalog.All.Single(e => e.Name == "test-random-search");

        Assert.Equal(new RunSettings(40, 10, 1, "round", "candidate-examples", "loss"), descriptor.Run);
        var settings = Assert.IsType<RandomSearchAttribute>(descriptor.Algorithm);
        Assert.Equal((24, 6, 0.3), (settings.Hidden, settings.Candidates, settings.Spread)); // Spread as its default
        Assert.Equal(new DataSettings("0-2", 12), descriptor.Data);
        (int code, string list) = Host.Run("list");
        Assert.Equal(0, code);
        Assert.Contains("40 rounds", list.Split('\n').Single(l => l.Contains("test-random-search", StringComparison.Ordinal)));
    }

    [Fact]
    public void ItLearnsThroughTheRunnerAndResumesBitIdentical()
    {
        string whole = _folder.File("whole"), parts = _folder.File("parts");
        (int code, string output) = Host.Run("run", "test-random-search", "--data", _data, "--out", whole);
        Assert.True(code == 0, output);
        Assert.Equal(0, Host.Run("run", "test-random-search", "--data", _data, "--out", parts, "--steps", "15").ExitCode);
        Assert.Equal(0, Host.Run("run", "test-random-search", "--data", _data, "--out", parts, "--resume").ExitCode);

        string[] rows = File.ReadAllLines(Path.Combine(whole, "metrics.csv"));
        Assert.StartsWith("round,train_loss,train_accuracy,test_accuracy", rows[0]);
        double[] first = Values(rows[1]), last = Values(rows[^1]);
        Assert.Equal(40, last[0]);
        Assert.True(last[1] < first[1] - 0.2, $"train loss went from {first[1]} to {last[1]}");
        Assert.True(last[3] > 0.6, $"test accuracy {last[3]} (chance is 1/3)");
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "output-layer.txt")), File.ReadAllText(Path.Combine(parts, "output-layer.txt")));
        string summary = File.ReadAllText(Path.Combine(whole, "summary.json"));
        Assert.Contains("\"Candidates\": 6", summary);
        Assert.Contains("\"rounds_completed\": 40", summary);
    }

    private static double[] Values(string row) => row.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
