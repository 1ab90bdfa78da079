using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace EvoDsl.Benchmarks;

/// <summary>
/// A fixed TensorPrimitives workload that involves no project code: it measures how fast this
/// machine is right now, so the gate can divide every other benchmark by it.
/// </summary>
[MemoryDiagnoser]
public class CalibrationBenchmarks
{
    // 3 × 256K floats = 3 MB: beyond L2, like the NNE weights, so memory speed counts too.
    private readonly float[] _x = new float[1 << 18];
    private readonly float[] _y = new float[1 << 18];
    private readonly float[] _z = new float[1 << 18];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = random.NextSingle();
            _y[i] = random.NextSingle();
        }
    }

    [Benchmark]
    public float TensorWorkload()
    {
        float sum = 0;
        for (int repeat = 0; repeat < 8; repeat++)
        {
            TensorPrimitives.MultiplyAdd(_x, _y, _z, _z);
            sum += TensorPrimitives.Dot(_z, _x);
        }
        return sum;
    }
}
