using System.Runtime.ExceptionServices;

namespace EvoDsl.Kernels;

/// <summary>
/// A fixed set of worker threads that share out the items of one parallel loop. Unlike
/// <c>Parallel.For</c> it allocates nothing per loop, so a generation's steady state stays at 0 bytes.
/// Work items are claimed dynamically, so every result must depend only on its item index
/// (never on the worker) to keep runs identical for any thread count.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim _start = new(0);
    private readonly CountdownEvent _finished = new(1);
    private Action<int, int>? _body;
    private int _itemCount;
    private int _nextItem;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _disposed;
    private long[]? _callerAllocatedBytes;

    /// <summary>The running total of <see cref="WorkerAllocatedBytes"/> for loops this thread starts.</summary>
    [ThreadStatic]
    private static long[]? t_workerAllocatedBytes;

    /// <summary>
    /// Bytes allocated on pool threads (not the caller's) while running the bodies of loops the
    /// calling thread started, on any pool: with the caller's own counter it lets a test prove a step
    /// allocates nothing, whatever other tests' loops allocate meanwhile.
    /// </summary>
    internal static long WorkerAllocatedBytes => t_workerAllocatedBytes is { } total ? Interlocked.Read(ref total[0]) : 0;

    /// <param name="workers">Total workers including the calling thread; at least 1.</param>
    public WorkerPool(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _threads = new Thread[workers - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int worker = i + 1;
            _threads[i] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"evodsl-worker-{worker}" };
            _threads[i].Start();
        }
    }

    public int Workers { get; }

    /// <summary>A pool for a run of <paramref name="threads"/> threads; fewer than one means the calling thread alone.</summary>
    public static WorkerPool ForThreads(int threads) => new(Math.Max(1, threads));

    /// <summary>
    /// Builds, on a new pool of <paramref name="threads"/> threads, something that owns the pool from then on
    /// (a trainer disposes it with itself); if the build throws, the pool is disposed here, so no threads outlive it.
    /// </summary>
    public static T BuildOwner<T>(int threads, Func<WorkerPool, T> build)
    {
        WorkerPool workers = ForThreads(threads);
        try
        {
            return build(workers);
        }
        catch
        {
            workers.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/>(worker, item) for every item in [0, count) and waits for all.</summary>
    /// <remarks>Pass a delegate cached in a field: a lambda created per call allocates.</remarks>
    public void For(int count, Action<int, int> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _body = body;
        _itemCount = count;
        _nextItem = -1;
        _failure = null;
        _callerAllocatedBytes = t_workerAllocatedBytes ??= new long[1]; // once per calling thread
        if (_threads.Length > 0)
        {
            _finished.Reset(_threads.Length);
            _start.Release(_threads.Length);
        }
        RunItems(0);
        if (_threads.Length > 0)
            _finished.Wait();
        _body = null;
        _failure?.Throw();
    }

    private void WorkerLoop(int worker)
    {
        while (true)
        {
            _start.Wait();
            if (_disposed)
                return;
            long before = GC.GetAllocatedBytesForCurrentThread();
            RunItems(worker);
            Interlocked.Add(ref _callerAllocatedBytes![0], GC.GetAllocatedBytesForCurrentThread() - before);
            _finished.Signal();
        }
    }

    private void RunItems(int worker)
    {
        Action<int, int> body = _body!;
        try
        {
            for (int item = Interlocked.Increment(ref _nextItem); item < _itemCount; item = Interlocked.Increment(ref _nextItem))
                body(worker, item);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            _nextItem = _itemCount; // stop the other workers early
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_threads.Length > 0)
            _start.Release(_threads.Length);
        foreach (Thread thread in _threads)
            thread.Join();
        _start.Dispose();
        _finished.Dispose();
    }
}
