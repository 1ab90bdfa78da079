namespace EvoDsl.Experiments;

// Genetic programming on MNIST (seed 000's view of training as GP; docs/gp.md): one program tree per digit over the
// 256 pixels of mnist256, the class outputs a softmax, scored on a fresh batch of training images each generation.
// Each comes in two: crossover as Koza's GP has it (0.9, with mutation 0.05), and mutation only (0.95), the same
// share of children changed, for the seed's claim that crossover is the main driver.

[Experiment("gp-mnist256", Description = "GP on mnist256, crossover 0.9 and mutation 0.05 (anchors: GA on a convnet 82.4%, linear 91.6%)")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[GeneticProgramming(Population = 1000, BatchSize = 1000, Crossover = 0.9, Mutation = 0.05)]
[Run(Generations = 2000, EvaluateEvery = 50)]
public partial class GpMnist256;

[Experiment("gp-mnist256-mutation-only", Description = "GP on mnist256 without crossover: mutation 0.95 (the crossover ablation)")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[GeneticProgramming(Population = 1000, BatchSize = 1000, Crossover = 0, Mutation = 0.95)]
[Run(Generations = 2000, EvaluateEvery = 50)]
public partial class GpMnist256MutationOnly;

// Seconds on one core: under a third of the population and of the batch, and of the generations.
[Experiment("gp-mnist-quick", Description = "Quick GP preset on mnist256 (300 individuals, batch 300)")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[GeneticProgramming(Population = 300, BatchSize = 300, Crossover = 0.9, Mutation = 0.05)]
[Run(Generations = 300, EvaluateEvery = 20)]
public partial class GpMnistQuick;

[Experiment("gp-mnist-quick-mutation-only", Description = "Quick GP preset without crossover (mutation 0.95)")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[GeneticProgramming(Population = 300, BatchSize = 300, Crossover = 0, Mutation = 0.95)]
[Run(Generations = 300, EvaluateEvery = 20)]
public partial class GpMnistQuickMutationOnly;
