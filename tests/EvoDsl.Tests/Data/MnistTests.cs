using System.Security.Cryptography;
using System.Text;
using EvoDsl.Data;
using Xunit;

namespace EvoDsl.Tests.Data;

/// <summary>Offline tests only: none of these may start npm.</summary>
public sealed class MnistTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string? _savedCacheVariable = Environment.GetEnvironmentVariable(Mnist.CacheEnvironmentVariable);
    private readonly string? _savedXdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, _savedCacheVariable);
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _savedXdg);
        _temp.Dispose();
    }

    [Fact]
    public void OptionWinsOverEnvironmentVariable()
    {
        Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, "/from/env");

        Assert.Equal("/from/option", Mnist.ResolveCacheDirectory("/from/option"));
    }

    [Fact]
    public void EnvironmentVariableWinsOverDefault()
    {
        Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, "/from/env");

        Assert.Equal("/from/env", Mnist.ResolveCacheDirectory(null));
        Assert.Equal("/from/env", Mnist.ResolveCacheDirectory(""));
    }

    [Fact]
    public void DefaultUsesXdgCacheHomeThenHome()
    {
        Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, null);
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", _temp.Path);

        Assert.Equal(Path.Combine(_temp.Path, "evodsl", "mnist"), Mnist.ResolveCacheDirectory(null));

        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".cache", "evodsl", "mnist"), Mnist.ResolveCacheDirectory(null));
    }

    [Fact]
    public void ChecksumTableMatchesSpec()
    {
        Assert.Equal(ImageDataset.FileNames, Mnist.Files.Select(f => f.Name));
        Assert.Equal("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", Mnist.Files[0].Sha256);
        Assert.Equal("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", Mnist.Files[3].Sha256);
    }

    [Fact]
    public void FileSha256HashesFileContent()
    {
        string file = _temp.File("abc");
        File.WriteAllText(file, "abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ImageDataset.FileSha256(file));
    }

    [Fact]
    public void ChecksumMismatchNamesFileAndBothHashes()
    {
        string fake = _temp.File("fake");
        File.WriteAllText(fake, "not mnist");
        string actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("not mnist")));
        (string name, string expected) = Mnist.Files[1];

        var error = Assert.Throws<EvoDslException>(() => Mnist.Verify(fake, name, expected, _temp.Path));

        Assert.Contains(name, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(actual, error.Message);
        Assert.Contains($"delete the cache directory '{_temp.Path}'", error.Message);
    }

    [Fact]
    public void MatchingChecksumPasses()
    {
        string file = _temp.File("abc");
        File.WriteAllText(file, "abc");

        Mnist.Verify(file, "abc", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", _temp.Path);
    }

    [Fact]
    public void FilesWithoutMarkerAreVerifiedAndMismatchReported()
    {
        foreach ((string name, _) in Mnist.Files)
            File.WriteAllText(_temp.File(name), "fake " + name);

        var error = Assert.Throws<EvoDslException>(() => Mnist.EnsureAvailable(_temp.Path));

        Assert.Contains(Mnist.Files[0].Name, error.Message);
        Assert.Contains(Mnist.Files[0].Sha256, error.Message);
        Assert.False(File.Exists(_temp.File(Mnist.MarkerFileName)));
    }

    [Fact]
    public void ValidMarkerSkipsRehashing()
    {
        foreach ((string name, _) in Mnist.Files)
            File.WriteAllText(_temp.File(name), "fake " + name);
        File.WriteAllText(_temp.File(Mnist.MarkerFileName), Mnist.MarkerContent());
        var log = new List<string>();

        Assert.Equal(_temp.Path, Mnist.EnsureAvailable(_temp.Path, log.Add));
        Assert.Empty(log);
    }
}
