namespace EvoDsl.Hosting.Cluster;

/// <summary>
/// A worker's trainers, one per (experiment, seed) it was asked to compute parts of, built from the experiments
/// compiled into this process and its own copy of the data: a request names an experiment and carries p, never
/// code or paths. One computation at a time (a trainer uses all of the worker's threads), off the caller's thread.
/// </summary>
public sealed class WorkerTrainers(IReadOnlyList<ExperimentDescriptor> catalog, WorkerOptions options) : IDisposable
{
    private readonly Dictionary<(string Experiment, int Seed), (IPartitionedTrainer Trainer, string Fingerprint)> _trainers = [];
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Parts computed since the worker started, for its log and the tests.</summary>
    public long PartsComputed { get; private set; }

    /// <summary>Tests only: awaited before each computation, to hold a worker in the middle of a step.</summary>
    internal Func<Task>? BeforeCompute { get; set; }

    public async Task<float[]> Compute(PartRequest request, CancellationToken cancellation = default)
    {
        if (BeforeCompute is { } hold)
            await hold().ConfigureAwait(false);
        await _one.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                IPartitionedTrainer trainer = TrainerFor(request);
                var results = new float[request.Count * trainer.ResultsPerPart];
                trainer.ComputeParts(request.Step, request.State, request.First, request.Count, results);
                PartsComputed += request.Count;
                return results;
            }, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    private IPartitionedTrainer TrainerFor(PartRequest request)
    {
        if (!_trainers.TryGetValue((request.Experiment, request.Seed), out var built))
        {
            ExperimentDescriptor experiment = catalog.FirstOrDefault(e => e.Name == request.Experiment)
                ?? throw new EvoDslException($"this worker has no experiment '{request.Experiment}'; start workers built from the same experiments as the coordinator");
            RunContext context = ExperimentRunner.Quiet()
                .LoadData(experiment, new RunOptions(DataDirectory: options.DataDirectory, MnistCache: options.MnistCache), (ulong)request.Seed, options.Threads);
            string fingerprint = Checkpoint.Fingerprint(experiment, request.Seed, context.DataSha256).ToJsonString();
            ITrainer trainer = experiment.Create(context);
            if (trainer is not IPartitionedTrainer partitioned)
            {
                trainer.Dispose();
                throw new EvoDslException($"'{request.Experiment}' does not split its steps into parts; only such experiments (NNE) run over a cluster");
            }
            built = (partitioned, fingerprint);
            _trainers[(request.Experiment, request.Seed)] = built;
        }
        if (built.Fingerprint != request.Fingerprint)
            throw new EvoDslException($"this worker's '{request.Experiment}' differs from the coordinator's (declaration or data): worker {built.Fingerprint}, coordinator {request.Fingerprint}; " +
                                      "build workers from the same code and give them the same data");
        return built.Trainer;
    }

    public void Dispose()
    {
        foreach (var (trainer, _) in _trainers.Values)
            trainer.Dispose();
        _trainers.Clear();
        _one.Dispose();
    }
}

/// <summary>What a worker process was started with: its threads, where its data comes from, and where whole runs keep their folders.</summary>
public sealed record WorkerOptions(int Threads, string? DataDirectory = null, string? MnistCache = null, string? Scratch = null);
