namespace EvoDsl.Hosting;

/// <summary>The <c>run</c> command's options; null means "as declared" or the documented default.</summary>
public sealed record RunOptions(
    int? Steps = null,
    int? EvaluateEvery = null,
    int? Seed = null,
    int? Threads = null,
    string? DataDirectory = null,
    string? OutputDirectory = null,
    string? MnistCache = null,
    int? CheckpointEvery = null,
    bool Resume = false,
    bool Overwrite = false,
    string? Cluster = null);
