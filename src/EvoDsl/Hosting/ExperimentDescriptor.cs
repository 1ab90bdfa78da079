namespace EvoDsl.Hosting;

/// <summary>The data a declaration trains on (from <c>[Mnist]</c>).</summary>
public sealed record DataSettings(string Digits, int TrainPerClass);

/// <summary>Run length and seed (from <c>[Run]</c>); the runner's options override them.</summary>
public sealed record RunSettings(int Generations, int EvaluateEvery, int Seed);

/// <summary>
/// One entry of the generated catalog: everything the runner needs to list, describe and start a
/// declared experiment. <see cref="Algorithm"/> is the learning system's settings record (e.g. NneSettings).
/// </summary>
public sealed record ExperimentDescriptor(
    string Name,
    string Description,
    string ClassName,
    DataSettings Data,
    RunSettings Run,
    object Algorithm,
    Func<RunContext, ITrainer> Create);
