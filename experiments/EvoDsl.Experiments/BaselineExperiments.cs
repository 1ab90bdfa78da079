using EvoDsl;

namespace EvoDsl.Experiments;

// Table 1 of paper 003: NNE + SignSGD starts from the network an NNE run learned (its [Mnist],
// [HiddenLayer] and [Nne] must equal that run's) and trains the output layer, batch 50, a few hundred
// iterations (15 epochs of 1000 images = 300 iterations; 30 epochs of 2000 = 1200 for 0-9).

[Experiment("nne-signsgd-mnist-0to4", Description = "NNE + SignSGD on MNIST 0-4, from nne-mnist-0to4 (Table 1: 91.6%)")]
[Mnist(Digits = "0-4", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Nne(Genes = 2000, Population = 1000, GeneDensity = 0.0025, Selection = 100, WeightGain = 8)]
[SignSgd(AllelesFrom = "nne-mnist-0to4", LearningRate = 0.001, BatchSize = 50)]
[Run(Epochs = 15, EvaluateEvery = 1)]
public partial class NneSignSgdMnist0To4;

[Experiment("nne-signsgd-mnist-0to9", Description = "NNE + SignSGD on MNIST 0-9, from nne-mnist-0to9 (Table 1: 85.6%)")]
[Mnist(Digits = "0-9", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Nne(Genes = 2000, Population = 1000, GeneDensity = 0.0025, Selection = 100, WeightGain = 8)]
[SignSgd(AllelesFrom = "nne-mnist-0to9", LearningRate = 0.001, BatchSize = 50)]
[Run(Epochs = 15, EvaluateEvery = 1)]
public partial class NneSignSgdMnist0To9;

// Table 1's SGD row: the same sparse network (784 → 1000, edge probability 0.1, → K) trained by
// backpropagation on the same 200-per-digit subset; the paper reports mean ± std over seeds.

[Experiment("sgd-mnist-0to4", Description = "Adam on the NNE network, MNIST 0-4, 200/digit (Table 1: 96 ± 0.4%)")]
[Mnist(Digits = "0-4", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Sgd(Optimizer = Optimizer.Adam, LearningRate = 0.01, BatchSize = 50)]
[Run(Epochs = 100, EvaluateEvery = 5)]
public partial class SgdMnist0To4;

[Experiment("sgd-mnist-0to9", Description = "Adam on the NNE network, MNIST 0-9, 200/digit (Table 1: 88.2 ± 0.75%)")]
[Mnist(Digits = "0-9", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Sgd(Optimizer = Optimizer.Adam, LearningRate = 0.01, BatchSize = 50)]
[Run(Epochs = 100, EvaluateEvery = 5)]
public partial class SgdMnist0To9;
