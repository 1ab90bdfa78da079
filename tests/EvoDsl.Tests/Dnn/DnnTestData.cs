using EvoDsl.Hosting;
using EvoDsl.Kernels;
using EvoDsl.Tests.Nne;

namespace EvoDsl.Tests.Dnn;

/// <summary>Small synthetic data and helpers shared by the DNN and baseline tests.</summary>
internal static class DnnTestData
{
    /// <summary>Synthetic 28×28 "digits": each class lights its own band of rows (<see cref="SyntheticDigits"/>).</summary>
    public static RunContext Context(int classes = 4, int trainPerClass = 40, ulong seed = 7, int threads = 1) =>
        SyntheticDigits.Context(classes, trainPerClass, seed, threads);

    /// <summary>Random sparse images (about 20% nonzero pixels, values in (0, 1]) as rows.</summary>
    public static (float[] Dense, SparseRows Rows) Images(int count, int pixels = 784, ulong seed = 3)
    {
        var random = new SplitMix64(seed);
        var dense = new float[count * pixels];
        for (int i = 0; i < dense.Length; i++)
            dense[i] = random.NextDouble() < 0.2 ? 1f - random.NextFloat() : 0f;
        return (dense, SparseRows.FromDense(dense, count, pixels));
    }

    /// <summary>Everything a trainer checkpoints, as bytes: equal bytes mean equal weights and optimizer state.</summary>
    public static byte[] State(ITrainer trainer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            trainer.WriteState(writer);
        return stream.ToArray();
    }

    public static void Restore(ITrainer trainer, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        trainer.ReadState(reader);
    }

    public static double Metric(ITrainer trainer, string name) => trainer.Evaluate().Single(m => m.Name == name).Value;

    /// <summary>
    /// Bytes allocated by 10 calls of <paramref name="trainer"/>.Step() in steady state, on this thread and the worker pools', counted so
    /// that other tests running in parallel cannot disturb the count. The warm-up lets tiered compilation settle (it promotes
    /// methods after 30 calls and a 100 ms quiet period), so the JIT's own work does not land in the measured window.
    /// </summary>
    /// <param name="warmUpSteps">Steps at least before measuring, for trainers whose scratch grows to its size over the first ones.</param>
    public static long StepAllocations(ITrainer trainer, int warmUpSteps = 40)
    {
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 400 || trainer.Completed < warmUpSteps)
            trainer.Step();
        // The pool's counter is thread-static: its first read on this thread allocates the thread's static
        // block (32 B), which a trainer that starts no parallel loop in its step would be charged for.
        _ = WorkerPool.WorkerAllocatedBytes;
        // The least of three windows of 10 steps: an allocation the loop makes shows in every window, while a one-off
        // of the runtime's (a tier-up that a loaded machine delayed past the warm-up: 24 B on a worker, seen in CI
        // with the whole suite running) shows in one.
        long least = long.MaxValue;
        for (int window = 0; window < 3 && least > 0; window++)
        {
            long callerBefore = GC.GetAllocatedBytesForCurrentThread();
            long workersBefore = WorkerPool.WorkerAllocatedBytes;
            for (int e = 0; e < 10; e++)
                trainer.Step();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - callerBefore + WorkerPool.WorkerAllocatedBytes - workersBefore);
        }
        return least;
    }
}
