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
/// allocate. Here a call costs two semaphore signals per helper thread and no allocation. One job runs at a time;
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

    private sealed class Worker
    {
        private readonly SemaphoreSlim start = new(0);
        private readonly SemaphoreSlim done = new(0);
        private IParallelWork? work;
        private int part, parts;
        private Exception? error;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"MiniGrad kernel worker {index}" };
            thread.Start();
        }

        public void Start(IParallelWork w, int p, int n)
        {
            (work, part, parts, error) = (w, p, n, null);
            start.Release();
        }

        public Exception? Join()
        {
            done.Wait();
            work = null;
            return error;
        }

        private void Loop()
        {
            while (true)
            {
                start.Wait();
                try
                {
                    work!.Execute(part, parts);
                }
                catch (Exception e)
                {
                    error = e;
                }
                done.Release();
            }
        }
    }
}
