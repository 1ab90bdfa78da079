using System.Runtime.CompilerServices;
using Shouldly;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>
/// Pins the generated code for each declaration shape, and checks that it compiles against the real
/// EvoDsl.dll without a warning.
/// </summary>
public sealed class GeneratedCodeSnapshotTests
{
    /// <summary>The paper's declaration, verbatim from experiments/EvoDsl.Experiments/NneExperiments.cs.</summary>
    internal const string PaperDeclarationText = """
        [Experiment("nne-mnist-0to4", Description = "NNE on MNIST 0-4 at the paper's sizes (Table 1: 92.1%)")]
        [Mnist(Digits = "0-4", TrainPerClass = 200)]
        [HiddenLayer(1000, EdgeProbability = 0.1)]
        [Nne(Genes = 2000, Population = 1000, GeneDensity = 0.0025, Selection = 100, WeightGain = 8)]
        [Run(Generations = 20000, EvaluateEvery = 25)]
        public partial class NneMnist0To4;
        """;

    private const string PaperSource = $"""
        using EvoDsl;

        namespace EvoDsl.Experiments;

        {PaperDeclarationText}
        """;

    [Fact]
    public void PaperDeclarationIsStillTheOneInTheExperimentsProject()
    {
        string experiments = File.ReadAllText(RepositoryFile("experiments/EvoDsl.Experiments/NneExperiments.cs"));

        Normalize(experiments).ShouldContain(Normalize(PaperDeclarationText),
            customMessage: "NneExperiments.cs changed its nne-mnist-0to4 declaration; copy it into PaperDeclarationText and re-approve the snapshots");
    }

    [Fact]
    public void PaperDeclaration()
    {
        GeneratorRun run = RunClean(PaperSource);

        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "EvoDsl.Experiments.NneMnist0To4.g.cs"]);
        Snapshot.ShouldMatchApproved(run.Sources["EvoDsl.Experiments.NneMnist0To4.g.cs"], "EvoDsl.Experiments.NneMnist0To4.g.cs");
        Snapshot.ShouldMatchApproved(run.Sources["EvoDsl.ExperimentCatalog.g.cs"], "EvoDsl.ExperimentCatalog.g.cs");
    }

    [Fact]
    public void FitnessHook()
    {
        GeneratorRun run = RunClean("""
            using System;
            using EvoDsl;

            namespace Lab.Fitness;

            [Experiment("nne-hinge", Description = "NNE with a hinge on the true class's margin")]
            [Mnist(Digits = "7,0-1", TrainPerClass = 50)]
            [HiddenLayer(200, EdgeProbability = 0.2)]
            [Nne(Genes = 500, Population = 100, GeneDensity = 0.01, Selection = 12.5, WeightGain = 0.5)]
            [Run(Generations = 300, EvaluateEvery = 10, Seed = 7)]
            public partial class NneHinge
            {
                [Fitness]
                private static float Margin(ReadOnlySpan<float> logits, int label)
                {
                    float best = float.NegativeInfinity;
                    for (int k = 0; k < logits.Length; k++)
                    {
                        if (k != label)
                            best = MathF.Max(best, logits[k]);
                    }
                    return MathF.Max(0f, 1f + logits[label] - best);
                }
            }
            """);

        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "Lab.Fitness.NneHinge.g.cs"]);
        Snapshot.ShouldMatchApproved(run.Sources["Lab.Fitness.NneHinge.g.cs"], "Lab.Fitness.NneHinge.g.cs");
    }

    [Fact]
    public void DefaultsOnly()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab;

            [Experiment("x")]
            [Mnist]
            [HiddenLayer(50)]
            [Nne]
            internal partial class Defaults;
            """);

        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "Lab.Defaults.g.cs"]);
        Snapshot.ShouldMatchApproved(run.Sources["Lab.Defaults.g.cs"], "Lab.Defaults.g.cs");
    }

    [Fact]
    public void Dopaminergic()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Dnn;

            [Experiment("dnn-h1000", Description = "DNN, Table 2")]
            [Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All)]
            [RandomLayer(1000)]
            [Dopaminergic(Threshold = 0.75, Rate = 1, PostSynaptic = PostSynapticFiring.LowError, PreSynaptic = PreSynapticSignal.Binary)]
            [Run(Epochs = 500, EvaluateEvery = 10)]
            public partial class DnnH1000;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Dnn.DnnH1000.g.cs"], "Lab.Dnn.DnnH1000.g.cs");
    }

    [Fact]
    public void KCapSignSgd()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Dnn;

            [Experiment("signsgd-h100000-k256")]
            [Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All)]
            [RandomLayer(100_000, KCap = 256)]
            [SignSgd(LearningRate = 0.0001, BatchSize = 32)]
            public partial class SignSgdKCap;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Dnn.SignSgdKCap.g.cs"], "Lab.Dnn.SignSgdKCap.g.cs");
    }

    [Fact]
    public void OutputLayerAdam()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Dnn;

            [Experiment("sgd-h1000")]
            [Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All)]
            [RandomLayer(1000)]
            [Sgd(Optimizer = Optimizer.Adam, LearningRate = 0.001, BatchSize = 100)]
            [Run(Epochs = 20, EvaluateEvery = 5)]
            public partial class SgdH1000;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Dnn.SgdH1000.g.cs"], "Lab.Dnn.SgdH1000.g.cs");
    }

    [Fact]
    public void SparseNetworkSgd()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Baselines;

            [Experiment("sgd-mnist-0to4")]
            [Mnist(Digits = "0-4", TrainPerClass = 200)]
            [HiddenLayer(1000, EdgeProbability = 0.1)]
            [Sgd(Optimizer = Optimizer.Plain, LearningRate = 0.05, BatchSize = 50)]
            [Run(Epochs = 100, EvaluateEvery = 10, Seed = 3)]
            public partial class SgdMnist0To4;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Baselines.SgdMnist0To4.g.cs"], "Lab.Baselines.SgdMnist0To4.g.cs");
    }

    /// <summary>WANN on WANN's mnist256 images: the settings, the data with its image form, and the descriptor.</summary>
    [Fact]
    public void Wann()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Wann;

            [Experiment("wann-small")]
            [Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
            [Wann(Population = 96, BatchSize = 100, SizeObjective = 0.5)]
            [Run(Generations = 50, EvaluateEvery = 10)]
            public partial class WannSmall;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Wann.WannSmall.g.cs"], "Lab.Wann.WannSmall.g.cs");
    }

    /// <summary>Genetic programming on mnist256: the settings, the data and the descriptor.</summary>
    [Fact]
    public void GeneticProgramming()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Gp;

            [Experiment("gp-small")]
            [Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
            [GeneticProgramming(Population = 200, BatchSize = 100, Crossover = 0, Mutation = 0.95, MaxSize = 60)]
            [Run(Generations = 50, EvaluateEvery = 10)]
            public partial class GpSmall;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Gp.GpSmall.g.cs"], "Lab.Gp.GpSmall.g.cs");
    }

    [Fact]
    public void NneThenSignSgd()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Baselines;

            [Experiment("nne-small")]
            [Mnist(Digits = "0-4", TrainPerClass = 20)]
            [HiddenLayer(30)]
            [Nne(Genes = 100, Population = 20)]
            public partial class NneSmall;

            [Experiment("nne-small-signsgd")]
            [Mnist(Digits = "0-4", TrainPerClass = 20)]
            [HiddenLayer(30)]
            [Nne(Genes = 100, Population = 20)]
            [SignSgd(AllelesFrom = "nne-small", LearningRate = 0.002, BatchSize = 50)]
            [Run(Epochs = 15, EvaluateEvery = 1)]
            public partial class NneSmallSignSgd;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Baselines.NneSmallSignSgd.g.cs"], "Lab.Baselines.NneSmallSignSgd.g.cs");
    }

    [Fact]
    public void NeurashedDeclaredGraph()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;
            using EvoDsl.Neurashed;

            namespace Lab.Neurashed;

            [Experiment("neurashed-small", Description = "Two classes sharing feature b")]
            [Neurashed(BatchSize = 2, Sampling = BatchSampling.Reshuffled, Grow = 1.5, Shrink = 0.9, InitialLow = 0.1, InitialHigh = 0.1)]
            [FeatureNodes("a, b, c")]
            [Node("left", 2, "a,b", Fires = Firing.All)]
            [Node("right", 2, "b,c", AtLeast = 1)]
            [Node("yes", 3, "left")]
            [Node("no", 3, "right")]
            [Pattern("a,b", "yes")]
            [Pattern("b,c", "no")]
            [NodeRule("b", Grow = 1.1)]
            [NodeRule("left,c", Shrink = 0.5)]
            [Run(Iterations = 50, EvaluateEvery = 5)]
            public partial class Small;
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Neurashed.Small.g.cs"], "Lab.Neurashed.Small.g.cs");
    }

    [Fact]
    public void NeurashedRandomGraphWithHook()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab.Neurashed;

            [Experiment("neurashed-theorem1")]
            [Neurashed(Update = AmplificationUpdate.Additive, Grow = 2, Shrink = 1)]
            [RandomNeurashed(Classes = 3, Levels = 4, NodesPerLevel = 1000, SharedNodes = 2, NodesPerClass = 4)]
            public partial class Theorem1
            {
                [Amplification]
                private static double Clipped(double value, bool onPathway, int node) => onPathway ? System.Math.Min(value + 2, 100) : value;
            }
            """);

        Snapshot.ShouldMatchApproved(run.Sources["Lab.Neurashed.Theorem1.g.cs"], "Lab.Neurashed.Theorem1.g.cs");
    }

    /// <summary>A learning system of the user's own (attribute, trainer, declaration): the class gets settings, sizes and a descriptor, and forwards nothing.</summary>
    [Fact]
    public void SystemOfOwn()
    {
        GeneratorRun run = RunClean("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using EvoDsl;
            using EvoDsl.Training;

            namespace Lab.Own;

            public enum Proposal { Gaussian, Uniform }

            [Trainer(typeof(RandomSearch<>))]
            public sealed class RandomSearchAttribute(int hidden) : LearningSystemAttribute
            {
                public int Hidden { get; } = hidden;
                public int Candidates { get; set; } = 8;
                public double Spread { get; set; } = 0.3;
                public Proposal Proposal { get; set; }
                public override string StepNoun => "round";
            }

            public sealed class RandomSearch<TSizes>(RandomSearchAttribute settings, RunContext context) : ITrainer where TSizes : IDataSizes
            {
                public int Completed { get; private set; }
                public long UnitsPerStep => (long)settings.Candidates * context.Train.Count * TSizes.Classes;
                public double LastStepScore => 0;
                public void Step() => Completed++;
                public IReadOnlyList<Metric> Evaluate() => [new("round", Completed)];
                public void WriteArtifacts(string directory) { }
                public void WriteState(BinaryWriter writer) => writer.Write(Completed);
                public void ReadState(BinaryReader reader) => Completed = reader.ReadInt32();
                public void Dispose() { }
            }

            [Experiment("random-search", Description = "Random search over an output layer")]
            [Mnist(Digits = "0-4", TrainPerClass = 100)]
            [RandomSearch(64, Candidates = 20, Spread = 0.05, Proposal = Proposal.Uniform)]
            [Run(Steps = 300, EvaluateEvery = 25)]
            public partial class RandomSearchExperiment;
            """);

        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "Lab.Own.RandomSearchExperiment.g.cs"]);
        Snapshot.ShouldMatchApproved(run.Sources["Lab.Own.RandomSearchExperiment.g.cs"], "Lab.Own.RandomSearchExperiment.g.cs");
    }

    [Fact]
    public void GlobalNamespace()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            [Experiment("global-tiny", Description = "Declared outside any namespace")]
            [Mnist(Digits = "3,8", TrainPerClass = 5)]
            [HiddenLayer(8, EdgeProbability = 1)]
            [Nne(Genes = 16, Population = 4)]
            [Run(Generations = 2, EvaluateEvery = 1, Seed = -3)]
            sealed partial class GlobalTiny;
            """);

        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "GlobalTiny.g.cs"]);
        Snapshot.ShouldMatchApproved(run.Sources["GlobalTiny.g.cs"], "GlobalTiny.g.cs");
        Snapshot.ShouldMatchApproved(run.Sources["EvoDsl.ExperimentCatalog.g.cs"], "EvoDsl.ExperimentCatalog.g.cs");
    }

    [Fact]
    public void CatalogListsEveryExperimentInNameOrder()
    {
        GeneratorRun run = RunClean("""
            using EvoDsl;

            namespace Lab
            {
                [Experiment("b-second")] [Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]
                public partial class Second;

                [Experiment("a-first")] [Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]
                public partial class First;
            }

            [Experiment("c-third")] [Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]
            public partial class Third;
            """);

        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "Lab.First.g.cs", "Lab.Second.g.cs", "Third.g.cs"]);
        Snapshot.ShouldMatchApproved(run.Sources["EvoDsl.ExperimentCatalog.g.cs"], "EvoDsl.ExperimentCatalog.g.cs");
    }

    /// <summary>Runs the generator and requires no diagnostic from it or from compiling its output.</summary>
    private static GeneratorRun RunClean(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        run.GeneratorDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.GeneratorDiagnostics));
        run.OutputDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.OutputDiagnostics));
        return run;
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").Trim();

    private static string RepositoryFile(string path, [CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", path));
}
