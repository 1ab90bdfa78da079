using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Nne;

/// <summary>
/// Counts the bytes a step allocates on the calling thread and on the worker pool's threads, so
/// other tests running in parallel cannot disturb the count.
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StepAllocatesNothingInSteadyState(int threads)
    {
        using var trainer = TinyNne.Descriptor.Create(SyntheticDigits.Context(3, TinyNne.Descriptor.Data!.TrainPerClass, seed: 1, threads));
        // Warm up until tiered compilation has settled (it promotes methods after 30 calls and a
        // 100 ms quiet period), so the JIT's own work does not land in the measured window.
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 600 || trainer.Completed < 50)
            trainer.Step();
        long callerBefore = GC.GetAllocatedBytesForCurrentThread();
        long workersBefore = WorkerPool.WorkerAllocatedBytes;
        for (int g = 0; g < 20; g++)
            trainer.Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - callerBefore + WorkerPool.WorkerAllocatedBytes - workersBefore;
        Assert.Equal(0, allocated);
    }
}
