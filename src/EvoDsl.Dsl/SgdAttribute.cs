namespace EvoDsl;

/// <summary>
/// Gradient descent on the cross-entropy loss, the papers' "SGD" baseline. With a [RandomLayer] only
/// the output layer trains (Table 2); with a [HiddenLayer] both layers of the sparse NNE network train
/// (Table 1's SGD row).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SgdAttribute : Attribute
{
    /// <summary>The paper used Adam.</summary>
    public Optimizer Optimizer { get; set; } = Optimizer.Adam;

    /// <summary>Step size η (Adam's default: 0.001).</summary>
    public double LearningRate { get; set; } = 0.001;

    /// <summary>Examples per step.</summary>
    public int BatchSize { get; set; } = 100;
}
