using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EvoDsl.Data;
using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Nne;

namespace EvoDsl.Benchmarks;

// The paper's sizes (SPEC §1): N = 1000 genotypes, |S| = 2000 (200 per digit, 0-9), H = 1000, n = 2000.
[Experiment("bench-nne-paper", Description = "NNE generation at paper scale")]
[Mnist(Digits = "0-9", TrainPerClass = PaperScaleNne.TrainPerClass)]
[HiddenLayer(PaperScaleNne.Hidden, EdgeProbability = 0.1)]
[Nne(Genes = PaperScaleNne.Genes, Population = PaperScaleNne.Population, GeneDensity = 0.0025)]
public partial class PaperScaleNne
{
    public const int Inputs = 784, Classes = 10, TrainPerClass = 200, Hidden = 1000, Genes = 2000, Population = 1000;
    public const int TrainSize = Classes * TrainPerClass;
}

// A small scale with ragged sizes, quick enough to run often.
[Experiment("bench-nne-small", Description = "NNE generation at a small, ragged scale")]
[Mnist(Digits = "0-4", TrainPerClass = SmallScaleNne.TrainPerClass)]
[HiddenLayer(301, EdgeProbability = 0.1)]
[Nne(Genes = 1001, Population = SmallScaleNne.Population, GeneDensity = 0.0025)]
public partial class SmallScaleNne
{
    public const int Classes = 5, TrainPerClass = 41, Population = 101;
    public const int TrainSize = Classes * TrainPerClass;
}

/// <summary>Builds trainers of the benchmark declarations on real MNIST (fetched on first use).</summary>
internal static class BenchmarkData
{
    private static readonly string? Sabotage = Environment.GetEnvironmentVariable("EVODSL_BENCH_SABOTAGE");

    private static readonly Lazy<(LabeledImages Train, LabeledImages Test)> Mnist =
        new(() => ImageDataset.Load(EvoDsl.Data.Mnist.EnsureAvailable(cacheOption: null)));

    public static ITrainer Create(ExperimentDescriptor experiment, int threads) => experiment.Create(Context(experiment, threads));

    public static RunContext Context(ExperimentDescriptor experiment, int threads) =>
        RunContext.From(experiment.Data!, Mnist.Value.Train, Mnist.Value.Test, seed: 1, threads, "MNIST");

    /// <summary>
    /// EVODSL_BENCH_SABOTAGE=slow runs each generation twice, =allocate allocates per generation: a
    /// reproducible way to watch the regression gate fail (see benchmarks/README.md).
    /// </summary>
    public static object? Generation(ITrainer trainer)
    {
        trainer.Step();
        switch (Sabotage)
        {
            case "slow":
                trainer.Step();
                return null;
            case "allocate":
                return new byte[256];
            default:
                return null;
        }
    }
}

/// <summary>
/// One NNE generation (sample, evaluate, select) at a small scale on both cores: the gate's key
/// benchmark. 101 × 205 = 20,705 genotype-samples per operation; Allocated must read 0 B.
/// </summary>
[MemoryDiagnoser]
public class NneGenerationBenchmarks
{
    private ITrainer _small = null!;

    [GlobalSetup]
    public void Setup() => _small = BenchmarkData.Create(SmallScaleNne.Descriptor, threads: 2);

    [Benchmark]
    [GenotypeSamples(SmallScaleNne.Population * SmallScaleNne.TrainSize)]
    public object? SmallScaleGeneration() => BenchmarkData.Generation(_small);

    [GlobalCleanup]
    public void Cleanup() => _small.Dispose();
}

/// <summary>
/// One NNE generation at the paper's scale, 2,000,000 genotype-samples per operation, on 1 and 2
/// threads: the generated loop (64 genotypes per block, unit by unit over chunks of samples) against the project's first
/// implementation (one genotype at a time through the scalar forward pass), measured in the same run.
/// genotype-samples/s = 2,000,000 / mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class NnePaperScaleBenchmarks
{
    private ITrainer _paper = null!;
    private NneEvolution<PaperSizes, MarginOverChanceFitness> _firstImplementation = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _paper = BenchmarkData.Create(PaperScaleNne.Descriptor, Threads);
        // One tile as wide as the layer: the first implementation's plain pixel-major link layout.
        _firstImplementation = new((NneSettings)PaperScaleNne.Descriptor.Algorithm,
            BenchmarkData.Context(PaperScaleNne.Descriptor, Threads), tileSize: PaperScaleNne.Hidden);
    }

    [Benchmark]
    [GenotypeSamples(PaperScaleNne.Population * PaperScaleNne.TrainSize)]
    public object? PaperScaleGeneration() => BenchmarkData.Generation(_paper);

    [Benchmark(Baseline = true)]
    [GenotypeSamples(PaperScaleNne.Population * PaperScaleNne.TrainSize)]
    public void PaperScaleGenerationFirstImplementation()
    {
        _firstImplementation.SamplePopulation();
        _firstImplementation.EvaluatePopulationReference();
        _firstImplementation.SelectAlleles(((NneSettings)PaperScaleNne.Descriptor.Algorithm).Selection);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _paper.Dispose();
        _firstImplementation.Dispose();
    }

    private readonly struct PaperSizes : INneSizes
    {
        public static int Inputs => PaperScaleNne.Inputs;
        public static int Hidden => PaperScaleNne.Hidden;
        public static int Classes => PaperScaleNne.Classes;
        public static int Genes => PaperScaleNne.Genes;
        public static int Population => PaperScaleNne.Population;
        public static int TrainSize => PaperScaleNne.TrainSize;
    }
}
