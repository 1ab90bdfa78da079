namespace EvoDsl;

/// <summary>Which output neurons count as "fired" in the dopaminergic rule (SPEC §2).</summary>
public enum PostSynapticFiring
{
    /// <summary>Only the output with the largest logit (the network's prediction) fires.</summary>
    Winner,

    /// <summary>Every output with low error, |z_j − ℓ(y)_j|² ≤ 1/4, fires (the condition the paper prints).</summary>
    LowError,
}

/// <summary>What a hidden unit contributes to the dopaminergic rule as the presynaptic factor.</summary>
public enum PreSynapticSignal
{
    /// <summary>Its activity h_i (a Hebbian-like factor: strongly active units change more).</summary>
    Activity,

    /// <summary>Whether it fired, 1[h_i > 0].</summary>
    Binary,
}

/// <summary>The optimizer of a gradient baseline.</summary>
public enum Optimizer
{
    /// <summary>Adam (Kingma and Ba 2015), β1 = 0.9, β2 = 0.999, ε = 1e-8: the paper's "SGD" rows.</summary>
    Adam,

    /// <summary>Plain stochastic gradient descent, w ← w − η·g.</summary>
    Plain,
}
