using EvoDsl;

namespace EvoDsl.Experiments;

// Fig. 3 of paper 003: the number of genes n against accuracy, on MNIST 0-4 and 0-9, at the quick
// preset's sizes (H = 300, N = 200, 100 training images per digit) so a sweep fits on 2 cores.
// `reproduce fig3` runs them all.

[Experiment("nne-genes-0to4-n300", Description = "Fig. 3 gene sweep: NNE on MNIST 0-4 with n = 300 genes, at the quick preset's sizes")] [Mnist(Digits = "0-4", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 300, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To4N300;

[Experiment("nne-genes-0to4-n500", Description = "Fig. 3 gene sweep: NNE on MNIST 0-4 with n = 500 genes, at the quick preset's sizes")] [Mnist(Digits = "0-4", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 500, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To4N500;

[Experiment("nne-genes-0to4-n1000", Description = "Fig. 3 gene sweep: NNE on MNIST 0-4 with n = 1000 genes, at the quick preset's sizes")] [Mnist(Digits = "0-4", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To4N1000;

[Experiment("nne-genes-0to4-n2000", Description = "Fig. 3 gene sweep: NNE on MNIST 0-4 with n = 2000 genes, at the quick preset's sizes")] [Mnist(Digits = "0-4", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 2000, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To4N2000;

[Experiment("nne-genes-0to9-n300", Description = "Fig. 3 gene sweep: NNE on MNIST 0-9 with n = 300 genes, at the quick preset's sizes")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 300, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To9N300;

[Experiment("nne-genes-0to9-n500", Description = "Fig. 3 gene sweep: NNE on MNIST 0-9 with n = 500 genes, at the quick preset's sizes")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 500, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To9N500;

[Experiment("nne-genes-0to9-n1000", Description = "Fig. 3 gene sweep: NNE on MNIST 0-9 with n = 1000 genes, at the quick preset's sizes")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 1000, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To9N1000;

[Experiment("nne-genes-0to9-n2000", Description = "Fig. 3 gene sweep: NNE on MNIST 0-9 with n = 2000 genes, at the quick preset's sizes")] [Mnist(Digits = "0-9", TrainPerClass = 100)] [HiddenLayer(300)] [Nne(Genes = 2000, Population = 200)] [Run(Generations = 2000, EvaluateEvery = 100)]
public partial class NneGenes0To9N2000;
