namespace MiniGrad.Kernels.Gemm;

/// <summary>A piece of work split into numbered parts that may run on different threads.</summary>
internal interface IParallelWork
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="parts"/>.</summary>
    void Execute(int part, int parts);
}

/// <summary>
/// A few long-lived background threads that run the parts of one <see cref="IParallelWork"/> beside the caller.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>: it allocates delegates and tasks on every call, and a training step must not
/// allocate. Here a call costs a few interlocked operations per helper thread (semaphores only when a side has waited
/// long enough to sleep) and no allocation. One job runs at a time;
/// a caller that finds the pool busy (another thread is multiplying) runs every part itself, which gives the same
/// bits because the parts do not depend on where they run.
/// </remarks>
internal static class WorkerPool
{
    private static readonly object Gate = new();
    private static Worker[] workers = [];

    /// <summary>Runs parts 0..parts-1 of <paramref name="work"/>; part 0 on the calling thread. Returns when all are done.</summary>
    public static void Run(IParallelWork work, int parts)
    {
        if (parts <= 1 || !Monitor.TryEnter(Gate))
        {
            for (int p = 0; p < parts; p++) work.Execute(p, parts);
            return;
        }
        try
        {
            EnsureWorkers(parts - 1);
            for (int w = 0; w < parts - 1; w++) workers[w].Start(work, w + 1, parts);
            Exception? error = null;
            try
            {
                work.Execute(0, parts);
            }
            catch (Exception e)
            {
                error = e;
            }
            for (int w = 0; w < parts - 1; w++) error ??= workers[w].Join();
            if (error is not null) throw new AggregateException("A kernel part failed on a worker thread.", error);
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void EnsureWorkers(int count)
    {
        if (workers.Length >= count) return;
        var grown = new Worker[count];
        Array.Copy(workers, grown, workers.Length);
        for (int i = workers.Length; i < count; i++) grown[i] = new Worker(i + 1);
        workers = grown;
    }

    /// <summary>
    /// How long a worker keeps polling for its next part, and the caller for a part's end, before blocking on a
    /// semaphore: about 200 µs. A training step calls the pool several times a step with serial work between; a worker
    /// that blocked each time is woken through the kernel, which on a virtual machine costs tens of µs per call, about
    /// what splitting a 256-wide product or Adam's pass over 200,000 elements saves. OpenMP runtimes spin likewise.
    /// </summary>
    private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 5000;

    /// <summary>
    /// One helper thread. The caller posts a part by bumping <see cref="posted"/>; the worker finishes it by setting
    /// <see cref="completed"/> to the same number. Either side polls for the other for <see cref="SpinTicks"/>, then
    /// announces that it sleeps (a full fence) and checks once more before it blocks, so a post or a completion that
    /// races with falling asleep is never lost; a left-over semaphore signal only wakes a side that then finds nothing
    /// new and goes back to polling.
    /// </summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim start = new(0);
        private readonly SemaphoreSlim done = new(0);
        private IParallelWork? work;
        private int part, parts;
        private Exception? error;
        private long posted, completed;
        private int workerSleeps, callerSleeps;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"MiniGrad kernel worker {index}" };
            thread.Start();
        }

        public void Start(IParallelWork w, int p, int n)
        {
            (work, part, parts, error) = (w, p, n, null);
            Interlocked.Increment(ref posted); // publishes the fields above
            if (Volatile.Read(ref workerSleeps) == 1) start.Release();
        }

        public Exception? Join()
        {
            long target = Volatile.Read(ref posted);
            Await(ref completed, target, ref callerSleeps, done);
            work = null;
            return error;
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                Await(ref posted, seen + 1, ref workerSleeps, start);
                seen = Volatile.Read(ref posted);
                try
                {
                    work!.Execute(part, parts);
                }
                catch (Exception e)
                {
                    error = e;
                }
                Interlocked.Exchange(ref completed, seen); // publishes error
                if (Volatile.Read(ref callerSleeps) == 1) done.Release();
            }
        }

        /// <summary>Returns once <paramref name="counter"/> reaches <paramref name="target"/>: polling first, then blocking.</summary>
        private static void Await(ref long counter, long target, ref int sleeps, SemaphoreSlim wake)
        {
            long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref counter) < target)
            {
                if (System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(8);
                    continue;
                }
                Interlocked.Exchange(ref sleeps, 1);
                if (Volatile.Read(ref counter) < target) wake.Wait();
                Interlocked.Exchange(ref sleeps, 0);
                deadline = System.Diagnostics.Stopwatch.GetTimestamp() + SpinTicks;
            }
        }
    }
}
