namespace EvoDsl;

/// <summary>
/// A fixed random hidden layer (SPEC §2): every input joined to each of <paramref name="units"/> ReLU
/// units by a Kaiming-uniform weight drawn once from the seed and never trained, so the hidden features
/// are computed once per run and an epoch costs only the output layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RandomLayerAttribute(int units) : Attribute
{
    public int Units { get; } = units;

    /// <summary>
    /// k-cap: keep only the k largest hidden activations of each example, 0 to keep all
    /// (paper: k = 256 at 100,000 units).
    /// </summary>
    public int KCap { get; set; }
}
