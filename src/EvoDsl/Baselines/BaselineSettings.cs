namespace EvoDsl.Baselines;

/// <summary>Table 2's "SGD" row: the output layer on the fixed random features, trained by Adam (or plain SGD) on mini-batches.</summary>
public sealed record OutputLayerSgdSettings(EvoDsl.Dnn.RandomLayerSettings Layer, Optimizer Optimizer, double LearningRate, int BatchSize);

/// <summary>Table 2's "SignSGD" row: the output layer on the fixed random features, W ← W − η·sign(Σ_batch ∇) (eq. 5).</summary>
public sealed record SignSgdSettings(EvoDsl.Dnn.RandomLayerSettings Layer, double LearningRate, int BatchSize);

/// <summary>Table 1's "NNE + SignSGD": the NNE network with weights W·round(p), then its output layer trained by eq. 5.</summary>
public sealed record NneSignSgdSettings(EvoDsl.Nne.NneSettings Network, double LearningRate, int BatchSize);

/// <summary>
/// Table 1's "SGD": the NNE architecture (sparse 784→H graph with edge probability, dense H→K),
/// both layers trained by backpropagation from a random initialisation.
/// </summary>
public sealed record SparseNetworkSgdSettings(int Hidden, double EdgeProbability, Optimizer Optimizer, double LearningRate, int BatchSize);
