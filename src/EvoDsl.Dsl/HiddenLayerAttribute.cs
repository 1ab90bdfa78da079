namespace EvoDsl;

/// <summary>
/// One hidden ReLU layer of <paramref name="units"/> units, joined to the inputs by a sparse random
/// graph in which each input→hidden edge exists independently with <see cref="EdgeProbability"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HiddenLayerAttribute(int units) : Attribute
{
    public int Units { get; } = units;

    /// <summary>Probability of each input→hidden edge (paper: 0.1).</summary>
    public double EdgeProbability { get; set; } = 0.1;
}
