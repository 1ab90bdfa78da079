using BenchmarkDotNet.Attributes;
using EvoDsl.Neurashed;
using EvoDsl.Neurashed.Phenomena;

namespace EvoDsl.Benchmarks;

/// <summary>
/// One iteration of Algorithm 1 on the random neurashed of Theorem 1 with 10 levels of Width nodes
/// below K = 10 classes (b1 = b2 = 100: 1,100 selected nodes and about 310,000 edges per level at
/// Width = 10,000), g+(x) = x + 2, g−(x) = x; and the logits of one input for comparison.
/// iterations/s = 1 / mean; Allocated must read 0 B.
/// </summary>
[MemoryDiagnoser]
public class NeurashedBenchmarks
{
    private NeurashedTraining<Additive<ElasticityTheoremsExperiment.TheoremConstants>, Additive<ElasticityTheoremsExperiment.TheoremConstants>> _training = null!;
    private NeurashedModel _model = null!;
    private double[] _logits = null!;
    private int[] _features = null!;

    /// <summary>Nodes per level: the asked size and a ragged one.</summary>
    [Params(1_001, 10_000)]
    public int Width { get; set; }

    [Params(1, 10)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = RandomNeurashed.Create(levels: 11, Width, classes: 10, shared: 100, perClass: 100, seed: 1);
        _model = new NeurashedModel(random.Graph, InitialValues.Uniform(0, 1), InitialValues.Constant(1), seed: 1);
        var inputs = random.ClassInputs();
        _training = new(_model, inputs, BatchSize, BatchSampling.WithReplacement, seed: 1);
        _logits = new double[random.Graph.ClassCount];
        _features = inputs.FeaturesOf(0).ToArray();
    }

    [Benchmark(Baseline = true)]
    public void Step() => _training.Step();

    [Benchmark]
    public double Logits()
    {
        _model.Logits(_features, _logits);
        return _logits[0];
    }
}
