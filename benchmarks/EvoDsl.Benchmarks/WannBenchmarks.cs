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
