namespace EvoDsl;

/// <summary>
/// How long the experiment runs and how often it is evaluated; the runner's options override both.
/// NNE counts generations, the gradient and plasticity rules epochs, a neurashed iterations: set the one that fits.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RunAttribute : Attribute
{
    /// <summary>Generations to run (NNE).</summary>
    public int Generations { get; set; } = 1000;

    /// <summary>Epochs (passes over the training set) to run ([Dopaminergic], [SignSgd], [Sgd]; paper: 500).</summary>
    public int Epochs { get; set; } = 500;

    /// <summary>Iterations of Algorithm 1 to run ([Neurashed]).</summary>
    public int Iterations { get; set; } = 1000;

    /// <summary>Steps to run of a learning system declared outside EvoDsl (a LearningSystemAttribute).</summary>
    public int Steps { get; set; } = 1000;

    /// <summary>Evaluate train and test accuracy every this many generations or epochs.</summary>
    public int EvaluateEvery { get; set; } = 50;

    /// <summary>Default seed; every random choice of the run derives from it.</summary>
    public int Seed { get; set; } = 1;
}
