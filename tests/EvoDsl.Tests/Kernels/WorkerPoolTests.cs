using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Kernels;

public sealed class WorkerPoolTests
{
    private static object? s_sink;

    [Fact]
    public void WorkerAllocationsCountForTheThreadThatStartedTheLoopOnly()
    {
        using var pool = new WorkerPool(2);
        // Only the pool's own thread allocates; the calling thread (worker 0) is slowed so that it
        // leaves items to it.
        Action<int, int> allocate = (worker, item) =>
        {
            if (worker == 0)
                Thread.Sleep(1);
            else
                s_sink = new byte[1000];
        };
        Action<int, int> nothing = (worker, item) => { };
        pool.For(1, nothing); // the calling thread's counter exists from its first loop on

        long before = WorkerPool.WorkerAllocatedBytes;
        long othersCount = -1;
        var other = new Thread(() =>
        {
            using var otherPool = new WorkerPool(2);
            otherPool.For(200, allocate); // another thread's loop: its workers' bytes are its own
            othersCount = WorkerPool.WorkerAllocatedBytes;
        });
        other.Start();
        other.Join();
        Assert.Equal(before, WorkerPool.WorkerAllocatedBytes);
        Assert.True(othersCount >= 1000, $"the other thread's worker allocated {othersCount} B, on its own count");

        pool.For(200, allocate);
        Assert.True(WorkerPool.WorkerAllocatedBytes - before >= 1000, "this thread's loop's worker allocations count for it");
    }
}
