namespace EvoDsl.Dnn;

/// <summary>
/// The fixed random layer of SPEC §2: 784 → <paramref name="Hidden"/> ReLU units, Kaiming-uniform
/// weights, no bias, drawn once from the seed and never trained.
/// </summary>
/// <param name="KCap">Keep only the k largest activations per example (paper §4 item 5: k = 256 at h = 100,000); 0 = no cap.</param>
public sealed record RandomLayerSettings(int Hidden, int KCap);

/// <summary>A dopaminergic net (SPEC §2): the random layer, then an output layer trained by the three-factor rule.</summary>
/// <param name="Threshold">ε0: the loss at or below which dopamine rewards (paper: 0.75).</param>
/// <param name="Rate">ε1: the size of every change (paper: 1).</param>
public sealed record DopaminergicSettings(
    RandomLayerSettings Layer,
    double Threshold,
    double Rate,
    PostSynapticFiring PostSynaptic,
    PreSynapticSignal PreSynaptic);
