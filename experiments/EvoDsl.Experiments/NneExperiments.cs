using EvoDsl;

namespace EvoDsl.Experiments;

// NNE on MNIST at the paper's sizes (paper 003, §3.1): N = 1000 genotypes, 200 training images per
// digit, H = 1000 hidden units, edge probability 0.1, β = 0.0025, n = 2000 genes.

[Experiment("nne-mnist-0to4", Description = "NNE on MNIST 0-4 at the paper's sizes (Table 1: 92.1%)")]
[Mnist(Digits = "0-4", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Nne(Genes = 2000, Population = 1000, GeneDensity = 0.0025, Selection = 100, WeightGain = 8)]
[Run(Generations = 20000, EvaluateEvery = 25)]
public partial class NneMnist0To4;

[Experiment("nne-mnist-0to9", Description = "NNE on MNIST 0-9 at the paper's sizes (Table 1: 78.8%)")]
[Mnist(Digits = "0-9", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Nne(Genes = 2000, Population = 1000, GeneDensity = 0.0025, Selection = 100, WeightGain = 8)]
[Run(Generations = 20000, EvaluateEvery = 25)]
public partial class NneMnist0To9;

// The README's first command: about a minute on 2 cores. Seeds 1-3 reached 90.5%, 90.7% and 71.7% test accuracy
// after 1500 generations (runs plateau near 72% until the last class is found).
[Experiment("nne-mnist-0to4-quick", Description = "Quick NNE preset on MNIST 0-4 (H = 300, N = 200, n = 1000, 100/digit)")]
[Mnist(Digits = "0-4", TrainPerClass = 100)]
[HiddenLayer(300, EdgeProbability = 0.1)]
[Nne(Genes = 1000, Population = 200, GeneDensity = 0.0025, Selection = 100, WeightGain = 8)]
[Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneMnist0To4Quick;
