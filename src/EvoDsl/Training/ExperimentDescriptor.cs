namespace EvoDsl.Training;

/// <summary>The data a declaration trains on (from <c>[Mnist]</c>); <paramref name="Images"/> is left out of declarations that keep the original images.</summary>
public sealed record DataSettings(string Digits, int TrainPerClass, MnistImages Images = MnistImages.Original);

/// <summary>Run length and seed (from <c>[Run]</c>); the runner's options override them.</summary>
/// <param name="Steps">Steps to run: generations (NNE) or epochs.</param>
/// <param name="StepNoun">What one step is, for progress and summaries: "generation" or "epoch".</param>
/// <param name="UnitNoun">What a step's work is counted in, for the rate: "genotype-samples" or "examples".</param>
/// <param name="ScoreNoun">What <see cref="ITrainer.LastStepScore"/> is: "fitness" or "loss".</param>
public sealed record RunSettings(int Steps, int EvaluateEvery, int Seed, string StepNoun, string UnitNoun, string ScoreNoun);

/// <summary>
/// One entry of the generated catalog: everything the runner needs to list, describe and start a
/// declared experiment. <see cref="Algorithm"/> is the learning system's settings record (e.g. NneSettings);
/// <see cref="Data"/> is null for a system that brings its own inputs (a neurashed's declared patterns).
/// </summary>
public sealed record ExperimentDescriptor(
    string Name,
    string Description,
    string ClassName,
    DataSettings? Data,
    RunSettings Run,
    object Algorithm,
    Func<RunContext, ITrainer> Create);
