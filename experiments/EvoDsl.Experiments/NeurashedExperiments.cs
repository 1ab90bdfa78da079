using EvoDsl;
using EvoDsl.Neurashed;

namespace EvoDsl.Experiments;

// Neurashed, paper 002 (SPEC §3).

// Fig. 5, information bottleneck: class 1 fires level-1 patterns (1,2,7), (2,3,7), (4,5,7), (5,6,7), class 2
// the same on nodes 8-14. A ← {1,2,3} and C ← {4,5,6} fire on any dependent, the dominant B ← {2,5,7} on two.
// g+(λ) = 1.022^(11/4) λ, g−(λ) = 1.022^(−1/4) λ, except node 7 and its twin: g+(λ) = 1.022^(3/4) λ.
// Each evaluation writes I(level; input type) and I(level; label) to metrics.csv.
[Experiment("neurashed-information-bottleneck", Description = "Neurashed information bottleneck (paper 002, Fig. 5)")]
[Neurashed(BatchSize = 1, Sampling = BatchSampling.Reshuffled, Grow = 1.061671021678069, Shrink = 0.994574399082926,
    InitialLow = 0, InitialHigh = 0.01)]
[FeatureNodes("1,2,3,4,5,6,7,8,9,10,11,12,13,14")]
[Node("A1", 2, "1,2,3")]
[Node("B1", 2, "2,5,7", AtLeast = 2)]
[Node("C1", 2, "4,5,6")]
[Node("A2", 2, "8,9,10")]
[Node("B2", 2, "9,12,14", AtLeast = 2)]
[Node("C2", 2, "11,12,13")]
[Node("class1", 3, "A1,B1,C1")]
[Node("class2", 3, "A2,B2,C2")]
[Pattern("1,2,7", "class1")]
[Pattern("2,3,7", "class1")]
[Pattern("4,5,7", "class1")]
[Pattern("5,6,7", "class1")]
[Pattern("8,9,14", "class2")]
[Pattern("9,10,14", "class2")]
[Pattern("11,12,14", "class2")]
[Pattern("12,13,14", "class2")]
[NodeRule("7,14", Grow = 1.0164550358627504)]
[Run(Iterations = 600, EvaluateEvery = 10)]
public partial class NeurashedInformationBottleneck;

// Theorem 1: a random graph (m = 1000 nodes per level, b1 = 2 shared, b2 = 4 per class, 3 classes, L = 4),
// g+(x) = x + 2, g−(x) = x. The theorem's ratio ΔZ_j/ΔZ_j' → (b1 + b2)/b1 = 3 is measured by `reproduce elasticity`.
[Experiment("neurashed-theorem1", Description = "Random neurashed of Theorem 1 (paper 002): m = 1000, b1 = 2, b2 = 4, L = 4")]
[Neurashed(BatchSize = 1, Update = AmplificationUpdate.Additive, Grow = 2, Shrink = 1, InitialLow = 1, InitialHigh = 1)]
[RandomNeurashed(Classes = 3, Levels = 4, NodesPerLevel = 1000, SharedNodes = 2, NodesPerClass = 4)]
[Run(Iterations = 3000, EvaluateEvery = 300)]
public partial class NeurashedTheorem1;

// Scale: 10 levels × 10,000 nodes (b1 = 100, b2 = 50 per level, 10 classes), Theorem 1's additive rule,
// so scores grow polynomially (a multiplicative g+ compounds over 10 levels and overflows the class scores).
[Experiment("neurashed-scale", Description = "A large random neurashed: 10 levels × 10,000 nodes")]
[Neurashed(BatchSize = 8, Update = AmplificationUpdate.Additive, Grow = 1, Shrink = 1, InitialLow = 1, InitialHigh = 1)]
[RandomNeurashed(Classes = 10, Levels = 10, NodesPerLevel = 10_000, SharedNodes = 100, NodesPerClass = 50)]
[Run(Iterations = 20_000, EvaluateEvery = 5000)]
public partial class NeurashedScale;
