using EvoDsl;

namespace EvoDsl.Experiments;

// WANN on MNIST (Gaier & Ha 2019; docs/wann.md): the reference's mnist256 task, 16 × 16 deskewed images of all
// 60,000 training digits, networks scored at six shared weights on a fresh batch each generation.

[Experiment("wann-mnist256", Description = "WANN on mnist256 at the reference's settings (ensemble of weights: 91.6%)")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[Wann(Population = 960, BatchSize = 1000)]
[Run(Generations = 4096, EvaluateEvery = 64)]
public partial class WannMnist256;

// About half a minute on one core: a fifth of the population and of the batch, a quarter of the generations.
[Experiment("wann-mnist-quick", Description = "Quick WANN preset on mnist256 (192 networks, batch 200)")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[Wann(Population = 192, BatchSize = 200)]
[Run(Generations = 1000, EvaluateEvery = 50)]
public partial class WannMnistQuick;
