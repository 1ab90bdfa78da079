using BenchmarkDotNet.Attributes;
using EvoDsl.Training;

namespace EvoDsl.Benchmarks;

[Experiment("bench-wann-mnist256")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[Wann(Population = PaperScaleWann.Population, BatchSize = PaperScaleWann.BatchSize)]
public partial class PaperScaleWann
{
    public const int Population = 960, BatchSize = 1000;
}

// For the regression gate: networks that cannot grow (no add-connection or add-node mutation), so every
// generation costs the same and a change in the evaluation or the selection shows as a change in time.
[Experiment("bench-wann-fixed-size")]
[Mnist(Digits = "0-9", TrainPerClass = MnistAttribute.All, Images = MnistImages.Deskewed16)]
[Wann(Population = 192, BatchSize = 200, AddConnection = 0, AddNode = 0)]
public partial class FixedSizeWann;

/// <summary>One generation of <see cref="FixedSizeWann"/> on 2 threads: the gate's WANN benchmark.</summary>
[MemoryDiagnoser]
public class WannGenerationBenchmarks
{
    private ITrainer _wann = null!;

    [GlobalSetup]
    public void Setup()
    {
        _wann = BenchmarkData.Create(FixedSizeWann.Descriptor, threads: 2);
        // The scratch a generation uses grows, by doubling, to the largest network seen; after 100 generations it
        // has, and a generation allocates nothing (without this the gate's short run caught a growth: 96 B an
        // operation on average, where 0 B is measured from generation 100 on).
        for (int g = 0; g < 100; g++)
            _wann.Step();
    }

    [GlobalCleanup]
    public void Cleanup() => _wann.Dispose();

    [Benchmark]
    [GenotypeSamples(192L * 6 * 200)]
    public object? FixedSizeGeneration() => BenchmarkData.Generation(_wann);
}

/// <summary>
/// One WANN generation at the reference's MNIST scale (960 networks × 6 shared weights × 1000 images of 256 pixels),
/// after <see cref="WarmUpGenerations"/> generations on real MNIST so the networks have grown as in a run. Compare its
/// network-samples/s with benchmarks/reference/wann_numpy.py, given the population's mean size printed at setup.
/// </summary>
[MemoryDiagnoser]
public class WannBenchmarks
{
    private const int WarmUpGenerations = 30;

    private ITrainer _wann = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _wann = BenchmarkData.Create(PaperScaleWann.Descriptor, Threads);
        for (int g = 0; g < WarmUpGenerations; g++)
            _wann.Step();
        IReadOnlyList<Metric> metrics = _wann.Evaluate();
        Console.WriteLine($"// WANN after {WarmUpGenerations} generations: mean {Value(metrics, "population_mean_connections"):F1} connections, " +
                          $"{Value(metrics, "population_mean_hidden_nodes"):F1} hidden nodes per network");
    }

    [GlobalCleanup]
    public void Cleanup() => _wann.Dispose();

    /// <summary>One generation: rank, select, mutate, then score every network at every shared weight.</summary>
    [Benchmark]
    [GenotypeSamples((long)PaperScaleWann.Population * 6 * PaperScaleWann.BatchSize)]
    public object? Generation() => BenchmarkData.Generation(_wann);

    private static double Value(IReadOnlyList<Metric> metrics, string name) => metrics.Single(m => m.Name == name).Value;
}
