using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EvoDsl.Baselines;
using EvoDsl.Data;
using EvoDsl.Dnn;
using EvoDsl.Training;
using EvoDsl.Kernels;

namespace EvoDsl.Benchmarks;

/// <summary>MNIST 0-9 in full (60,000 training images), the DNN's and its baselines' data.</summary>
internal static class FullMnist
{
    private static readonly Lazy<(LabeledImages Train, LabeledImages Test)> Images =
        new(() => ImageDataset.Load(Mnist.EnsureAvailable(cacheOption: null)));

    public static RunContext Context(int threads) =>
        RunContext.From(new DataSettings("0-9", 0), Images.Value.Train, Images.Value.Test, seed: 1, threads, "MNIST");
}

/// <summary>
/// One epoch (60,000 examples) of the output-layer trainers on the fixed random features of h
/// hidden units (built once, in setup): the DNN rule (batch 1), SignSGD and Adam (batch 100).
/// examples/s = 60,000 / mean. Allocated must read 0 B.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class DnnEpochBenchmarks
{
    private DopaminergicTraining _dnn = null!;
    private SignSgdTraining _signSgd = null!;
    private OutputLayerSgdTraining _adam = null!;

    /// <summary>The paper's h = 1000, and a ragged width.</summary>
    [Params(1000, 301)]
    public int Hidden { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        RunContext context = FullMnist.Context(threads: 2);
        var layer = new RandomLayerSettings(Hidden, 0);
        _dnn = new DopaminergicTraining(new(layer, 0.75, 0.001, PostSynapticFiring.LowError, PreSynapticSignal.Activity), context);
        _signSgd = new SignSgdTraining(new(layer, 0.0001, 100), context);
        _adam = new OutputLayerSgdTraining(new(layer, Optimizer.Adam, 0.001, 100), context);
    }

    [Benchmark(Baseline = true)]
    public void DopaminergicEpoch() => _dnn.Step();

    [Benchmark]
    public void SignSgdEpoch() => _signSgd.Step();

    [Benchmark]
    public void AdamEpoch() => _adam.Step();

    [GlobalCleanup]
    public void Cleanup()
    {
        _dnn.Dispose();
        _signSgd.Dispose();
        _adam.Dispose();
    }
}

/// <summary>
/// The fixed features of 4,096 MNIST training images, on 2 threads: every activation of h = 1000
/// (the first implementation's layout, one example at a time) against the k = 256 largest of
/// h = 100,000 (blocks of 1024 examples share each weight tile). examples/s = 4,096 / mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class RandomFeatureBenchmarks
{
    private const int Examples = 4096;
    private RandomLayer _narrow = null!;
    private RandomLayer _wide = null!;
    private SparseRows _images = null!;
    private WorkerPool _workers = null!;
    private readonly int[] _labels = new int[Examples];

    [GlobalSetup]
    public void Setup()
    {
        ClassSubset train = FullMnist.Context(threads: 2).Train;
        _images = SparseRows.FromDense(train.Pixels.AsSpan(0, Examples * train.Features), Examples, train.Features);
        _narrow = new RandomLayer(train.Features, 1000, seed: 1, threads: 2);
        _wide = new RandomLayer(train.Features, 100_000, seed: 1, threads: 2);
        _workers = new WorkerPool(2);
    }

    [Benchmark(Baseline = true)]
    public FixedFeatures Uncapped1000() => FixedFeatures.FromRandomLayer(_narrow, _images, _labels, kCap: 0, _workers);

    [Benchmark]
    public FixedFeatures TopK256Of100000() => FixedFeatures.FromRandomLayer(_wide, _images, _labels, kCap: 256, _workers);

    [GlobalCleanup]
    public void Cleanup() => _workers.Dispose();
}
