namespace EvoDsl;

/// <summary>Which output neurons count as having fired in the dopaminergic rule.</summary>
public enum PostSynapticFiring
{
    /// <summary>Only the output with the largest softmax score (the network's prediction).</summary>
    Winner,

    /// <summary>Every output whose squared error |z_j − ℓ(y)_j|² is at most 1/4, as the paper prints it.</summary>
    LowError,
}

/// <summary>What a hidden unit contributes as the presynaptic factor of the dopaminergic rule.</summary>
public enum PreSynapticSignal
{
    /// <summary>Its activation h_i.</summary>
    Activity,

    /// <summary>1 when it fired (h_i &gt; 0), else 0.</summary>
    Binary,
}

/// <summary>How a gradient becomes a step.</summary>
public enum Optimizer
{
    /// <summary>Adam (Kingma and Ba), as the paper's "SGD" rows used.</summary>
    Adam,

    /// <summary>Plain stochastic gradient descent: w ← w − η·g.</summary>
    Plain,
}
