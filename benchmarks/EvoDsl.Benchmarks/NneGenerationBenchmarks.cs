using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EvoDsl.Data;
using EvoDsl.Hosting;
using EvoDsl.Kernels;

namespace EvoDsl.Benchmarks;

// The paper's sizes (SPEC §1): N = 1000 genotypes, |S| = 2000 (200 per digit, 0-9), H = 1000, n = 2000.
[Experiment("bench-nne-paper", Description = "NNE generation at paper scale")]
[Mnist(Digits = "0-9", TrainPerClass = 200)]
[HiddenLayer(1000, EdgeProbability = 0.1)]
[Nne(Genes = 2000, Population = 1000, GeneDensity = 0.0025, Selection = 20)]
public partial class PaperScaleNne;

// A small scale with ragged sizes, quick enough to run often.
[Experiment("bench-nne-small", Description = "NNE generation at a small, ragged scale")]
[Mnist(Digits = "0-4", TrainPerClass = 41)]
[HiddenLayer(301, EdgeProbability = 0.1)]
[Nne(Genes = 1001, Population = 101, GeneDensity = 0.0025, Selection = 20)]
public partial class SmallScaleNne;

/// <summary>
/// One NNE generation (sample, evaluate, select) on real MNIST, on both cores. Throughput in
/// genotype-samples/s is Population × TrainSize divided by the time; the Allocated column must read 0 B.
/// Setting EVODSL_BENCH_SABOTAGE=slow (runs each generation twice) or =allocate (allocates per
/// generation) shows that the regression gate fails on a slower or allocating kernel.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class NneGenerationBenchmarks
{
    private static readonly string? Sabotage = Environment.GetEnvironmentVariable("EVODSL_BENCH_SABOTAGE");
    private ITrainer _paper = null!;
    private ITrainer _small = null!;

    [Params(2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (LabeledImages train, LabeledImages test) = ImageDataset.Load(Mnist.EnsureAvailable(cacheOption: null));
        _paper = PaperScaleNne.Descriptor.Create(Context(train, test, "0-9", PaperScaleNne.TrainPerClass));
        _small = SmallScaleNne.Descriptor.Create(Context(train, test, "0-4", SmallScaleNne.TrainPerClass));
    }

    private RunContext Context(LabeledImages train, LabeledImages test, string digits, int perClass)
    {
        int[] classes = DigitSet.Parse(digits);
        return new RunContext(
            ClassSubset.Create(train, classes, perClass, Streams.Key(1, Streams.TrainingSubset), "MNIST"),
            ClassSubset.Create(test, classes, 0, 0, "MNIST test"),
            Seed: 1, Threads);
    }

    /// <summary>2,000,000 genotype-samples per operation.</summary>
    [Benchmark(Baseline = true)]
    public object? PaperScaleGeneration() => Generation(_paper);

    /// <summary>101 × 205 = 20,705 genotype-samples per operation.</summary>
    [Benchmark]
    public object? SmallScaleGeneration() => Generation(_small);

    private static object? Generation(ITrainer trainer)
    {
        trainer.Step();
        return Sabotage switch
        {
            "slow" => Repeat(trainer),
            "allocate" => new byte[256],
            _ => null,
        };
    }

    private static object? Repeat(ITrainer trainer)
    {
        trainer.Step();
        return null;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _paper.Dispose();
        _small.Dispose();
    }
}
