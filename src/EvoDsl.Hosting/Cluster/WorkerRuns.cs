using System.Collections.Concurrent;
namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// A worker's whole runs, one at a time, each in its own folder under the worker's scratch directory, built from the
/// experiments compiled into this process and its own data. A poll hands out the run's newest checkpoint, so the
/// coordinator always holds what it needs to resume the run on another worker.
/// </summary>
public sealed class WorkerRuns(IReadOnlyList<ExperimentDescriptor> catalog, WorkerOptions options, string scratch) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _runs = new();
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Tests only: awaited before a run starts, with the worker's stopping token, to hold a worker with a run.</summary>
    internal Func<CancellationToken, Task>? BeforeRun { get; set; }

    private sealed class Entry(RunRequest request, string directory)
    {
        public RunRequest Request { get; } = request;
        public string Directory { get; } = directory;
        public volatile RunState State = RunState.Running;
        public string? Error;
        public int Version;
        public DateTime CheckpointTime;
        public byte[]? Checkpoint;
        public Dictionary<string, byte[]>? Files;
    }

    public RunStatus Start(RunRequest request)
    {
        Entry entry = _runs.GetOrAdd(request.RunId, id =>
        {
            var created = new Entry(request, Path.Combine(scratch, id));
            _ = Task.Run(() => Execute(created));
            return created;
        });
        return Poll(entry.Request.RunId, int.MaxValue);
    }

    public RunStatus Poll(string runId, int knownCheckpoint)
    {
        if (!_runs.TryGetValue(runId, out Entry? entry))
            return new RunStatus(runId, RunState.Unknown, 0, null, null, null);
        lock (entry)
        {
            RefreshCheckpoint(entry);
            return new RunStatus(runId, entry.State, entry.Version, entry.Version > knownCheckpoint ? entry.Checkpoint : null,
                entry.State == RunState.Finished ? entry.Files : null, entry.Error);
        }
    }

    private void Execute(Entry entry)
    {
        RunRequest request = entry.Request;
        _one.Wait(_stopping.Token);
        try
        {
            BeforeRun?.Invoke(_stopping.Token).GetAwaiter().GetResult();
            ExperimentDescriptor experiment = catalog.FirstOrDefault(e => e.Name == request.Experiment)
                ?? throw new EvoDslException($"this worker has no experiment '{request.Experiment}'; start workers built from the same experiments as the coordinator");
            var runner = ExperimentRunner.Quiet();
            var runOptions = new RunOptions(Steps: request.Steps, Seed: request.Seed, Threads: options.Threads, DataDirectory: options.DataDirectory,
                OutputDirectory: entry.Directory, MnistCache: options.MnistCache, Resume: request.Checkpoint is not null, Overwrite: request.Checkpoint is null);
            RunContext data = runner.LoadData(experiment, runOptions, (ulong)request.Seed, threads: 1);
            string fingerprint = Checkpoint.Fingerprint(experiment, request.Seed, data.DataSha256).ToJsonString();
            if (fingerprint != request.Fingerprint)
                throw new EvoDslException($"this worker's '{request.Experiment}' differs from the coordinator's (declaration or data): worker {fingerprint}, coordinator {request.Fingerprint}; " +
                                          "build workers from the same code and give them the same data");
            Directory.CreateDirectory(entry.Directory);
            if (request.Checkpoint is { } resumeFrom)
                File.WriteAllBytes(Path.Combine(entry.Directory, EvoDsl.Hosting.Checkpoint.FileName), resumeFrom);

            using var watch = new Timer(_ => Observe(entry), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
            ExperimentRunner.Result result = runner.Run(experiment, runOptions, _stopping.Token);
            lock (entry)
            {
                RefreshCheckpoint(entry);
                if (result.Interrupted)
                {
                    entry.State = RunState.Stopped;
                    return;
                }
                entry.Files = Directory.EnumerateFiles(entry.Directory).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);
                entry.State = RunState.Finished;
            }
        }
        catch (Exception e)
        {
            lock (entry)
            {
                entry.Error = e is EvoDslException ? e.Message : e.ToString();
                entry.State = RunState.Failed;
            }
        }
        finally
        {
            _one.Release();
        }
    }

    private static void Observe(Entry entry)
    {
        lock (entry)
            RefreshCheckpoint(entry);
    }

    /// <summary>Reads the run's checkpoint when the file is newer than the last one read; whether it was.</summary>
    private static bool RefreshCheckpoint(Entry entry)
    {
        string path = Path.Combine(entry.Directory, EvoDsl.Hosting.Checkpoint.FileName);
        var info = new FileInfo(path);
        if (!info.Exists || info.LastWriteTimeUtc <= entry.CheckpointTime)
            return false;
        try
        {
            // Checkpoints are written atomically (a temporary file renamed), so what is read is a whole one.
            byte[] bytes = File.ReadAllBytes(path);
            entry.Checkpoint = bytes;
            entry.CheckpointTime = info.LastWriteTimeUtc;
            entry.Version++;
            return true;
        }
        catch (IOException)
        {
            return false; // replaced while read: the next look takes the new one
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
