using MiniGrad.Kernels.Gemm;

namespace MiniGrad.Tests.Kernels;

/// <summary>
/// The kernel worker pool's hand-over: every part of every call runs exactly once and the call returns only after
/// all of them, whether the worker was still polling (calls back to back), had fallen asleep (gaps longer than its
/// polling time) or anything between; an exception in a part reaches the caller and the pool goes on working.
/// </summary>
public class WorkerPoolTests
{
    private sealed class CountingWork : IParallelWork
    {
        public readonly int[] Runs = new int[4];
        public int ThrowInPart = -1;

        public void Execute(int part, int parts)
        {
            Interlocked.Increment(ref Runs[part]);
            if (part == ThrowInPart) throw new InvalidOperationException($"part {part} failed");
        }
    }

    [Fact]
    public async Task EveryPartRunsOnceAndTheCallWaitsForAllOfThemAcrossPollingAndSleeping()
    {
        var work = new CountingWork();
        // Gaps from none to well past the 200 µs polling time, so that posts meet a polling, a falling-asleep and a
        // sleeping worker; the counts are read right after each call returns.
        int[] gapsInMicroseconds = [0, 0, 5, 50, 150, 190, 200, 210, 250, 400, 1000, 3000];
        // A lost wake-up would hang the call: the calls run on a task, and a minute without their end fails the test
        // (TimeoutException) instead of hanging the run.
        await Task.Run(() => Calls(work, gapsInMicroseconds)).WaitAsync(TimeSpan.FromMinutes(1));
    }

    private static void Calls(CountingWork work, int[] gapsInMicroseconds)
    {
        for (int call = 0; call < 600; call++)
        {
            int gap = gapsInMicroseconds[call % gapsInMicroseconds.Length];
            var until = System.Diagnostics.Stopwatch.GetTimestamp() + gap * System.Diagnostics.Stopwatch.Frequency / 1_000_000;
            while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
            WorkerPool.Run(work, 2);
            Assert.True(work.Runs[0] == call + 1 && work.Runs[1] == call + 1,
                $"after call {call + 1} (gap {gap} µs) the parts ran {work.Runs[0]} and {work.Runs[1]} times");
        }
    }

    [Fact]
    public void AnExceptionInTheWorkersPartReachesTheCallerAndThePoolGoesOn()
    {
        var failing = new CountingWork { ThrowInPart = 1 };
        // Wrapped when part 1 ran on the worker; as it is when another test held the pool and the caller ran both.
        var e = Assert.ThrowsAny<Exception>(() => WorkerPool.Run(failing, 2));
        Assert.Contains("part 1 failed", (e is AggregateException a ? a.InnerException! : e).Message);
        var work = new CountingWork();
        for (int call = 1; call <= 20; call++)
        {
            WorkerPool.Run(work, 2);
            Assert.Equal(call, work.Runs[1]);
        }
    }
}
