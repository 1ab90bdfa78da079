namespace EvoDsl;

/// <summary>How long the experiment runs and how often it is evaluated; the runner's options override both.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RunAttribute : Attribute
{
    /// <summary>Generations (NNE) to run.</summary>
    public int Generations { get; set; } = 1000;

    /// <summary>Evaluate train and test accuracy every this many generations.</summary>
    public int EvaluateEvery { get; set; } = 50;

    /// <summary>Default seed; every random choice of the run derives from it.</summary>
    public int Seed { get; set; } = 1;
}
