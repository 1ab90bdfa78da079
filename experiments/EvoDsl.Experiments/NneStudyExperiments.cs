using EvoDsl;
using EvoDsl.Kernels;

namespace EvoDsl.Experiments;

// Issue 17's study (docs/nne.md): what governs time to accuracy on MNIST 0-9. Each declaration changes one choice
// the paper leaves open (or its reward) against nne-genes-0to9-n1000, which holds the defaults at the quick preset's
// sizes (H = 300, N = 200, n = 1000, 100 images per digit); `reproduce nne-study` runs each over 3 seeds.

[Experiment("nne-study-0to9-gain4", Description = "NNE study, MNIST 0-9 at the quick sizes: WeightGain 4 (default 8)")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200, WeightGain = 4)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneStudy0To9Gain4;

[Experiment("nne-study-0to9-gain16", Description = "NNE study, MNIST 0-9 at the quick sizes: WeightGain 16 (default 8)")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200, WeightGain = 16)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneStudy0To9Gain16;

[Experiment("nne-study-0to9-selection20", Description = "NNE study, MNIST 0-9 at the quick sizes: Selection ε = 20 (default 100)")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200, Selection = 20)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneStudy0To9Selection20;

[Experiment("nne-study-0to9-selection1000", Description = "NNE study, MNIST 0-9 at the quick sizes: Selection ε = 1000 (default 100)")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200, Selection = 1000)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneStudy0To9Selection1000;

[Experiment("nne-study-0to9-empty-zero", Description = "NNE study, MNIST 0-9 at the quick sizes: EmptySide.Zero (default PopulationMean)")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200, EmptySide = EmptySide.Zero)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneStudy0To9EmptyZero;

[Experiment("nne-study-0to9-reward-linear", Description = "NNE study, MNIST 0-9 at the quick sizes: reward max{0, α − L} (paper: max{0, α² − L²})")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneStudy0To9RewardLinear
{
    /// <summary>The margin over the uniform guess's loss α = ln K, not squared: confident right answers weigh less than in the paper's reward.</summary>
    [Fitness]
    private static float LinearMargin(ReadOnlySpan<float> logits, int label) =>
        MathF.Max(0f, MathF.Log(logits.Length) - CrossEntropy.FromLogits(logits, label));
}

[Experiment("nne-study-0to9-reward-likelihood", Description = "NNE study, MNIST 0-9 at the quick sizes: reward e^(−L), the probability of the label (paper: max{0, α² − L²})")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneStudy0To9RewardLikelihood
{
    /// <summary>The softmax probability of the right class: every sample counts, including those worse than a guess.</summary>
    [Fitness]
    private static float Likelihood(ReadOnlySpan<float> logits, int label) =>
        MathF.Exp(-CrossEntropy.FromLogits(logits, label));
}
