using System.Diagnostics;
using System.Globalization;
using MiniGrad.Kernels;

namespace MiniGrad.Benchmarks;

/// <summary>
/// Stopwatch timing of training steps for <c>benchmarks/compare</c> and the README tables, by the rules
/// <c>benchmarks/compare/compare.py</c> applies to PyTorch, line for line: warm up until the step time settles and
/// for at least the warm-up time; size a batch of steps to at least 20 ms; time batches for the given seconds (at
/// least 5); report the best and the median batch mean (the best resists noise from other processes; the median
/// shows it).
/// </summary>
public static class StepTimer
{
    /// <summary>A warm-up window: long enough to hold many steps, short enough to see the time settle.</summary>
    private const double WindowSeconds = 0.25;

    /// <summary>Two successive warm-up windows this close (relative) count as settled.</summary>
    private const double SettledWithin = 0.03;

    /// <summary>What <see cref="Measure(Action, double, double)"/> found.</summary>
    /// <param name="Best">The best batch mean, µs per step.</param>
    /// <param name="Median">The median batch mean, µs per step.</param>
    /// <param name="BytesPerStep">Managed bytes this thread allocated per timed step.</param>
    /// <param name="WarmupSeconds">How long the warm-up ran.</param>
    /// <param name="Settled">Whether the warm-up ended because the time settled (false: it hit its cap).</param>
    public readonly record struct Timing(double Best, double Median, double BytesPerStep, double WarmupSeconds, bool Settled);

    /// <summary>
    /// Times <paramref name="step"/>: warms it up for at least <paramref name="minWarmupSeconds"/> and until two
    /// successive windows' mean step times agree within 3 % (at most 1.5 times the minimum, and at least a second more: .NET's tier-1 recompilation can come seconds in on a busy machine), then times batches of at least
    /// 20 ms for <paramref name="seconds"/>.
    /// </summary>
    public static Timing Measure(Action step, double seconds, double minWarmupSeconds)
    {
        ArgumentNullException.ThrowIfNull(step);
        double cap = Math.Max(1.5 * minWarmupSeconds, minWarmupSeconds + 1);
        var warmup = Stopwatch.StartNew();
        var window = new Stopwatch();
        double previous = double.NaN;
        bool settled = false;
        while (true)
        {
            window.Restart();
            long count = 0;
            do
            {
                step();
                count++;
            }
            while (window.Elapsed.TotalSeconds < WindowSeconds);
            double mean = window.Elapsed.TotalSeconds / count;
            settled = Math.Abs(mean - previous) <= SettledWithin * previous;
            previous = mean;
            double elapsed = warmup.Elapsed.TotalSeconds;
            if ((elapsed >= minWarmupSeconds && settled) || elapsed >= cap) break;
        }
        double warmupSeconds = warmup.Elapsed.TotalSeconds;

        var sw = new Stopwatch();
        int reps = 1;
        while (true)
        {
            sw.Restart();
            for (int i = 0; i < reps; i++) step();
            if (sw.Elapsed.TotalMilliseconds >= 20) break;
            reps *= 2;
        }
        var means = new List<double>();
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        long steps = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || means.Count < 5)
        {
            sw.Restart();
            for (int i = 0; i < reps; i++) step();
            means.Add(sw.Elapsed.TotalMilliseconds * 1000 / reps);
            steps += reps;
        }
        double bytes = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / (double)steps;
        means.Sort();
        return new Timing(means[0], means[means.Count / 2], bytes, warmupSeconds, settled);
    }

    /// <summary>µs per step of a training job (best, median) and managed bytes per step, after a warm-up of at least <paramref name="minWarmupSeconds"/>.</summary>
    public static (double Best, double Median, double BytesPerStep) Measure(TrainingJob job, double seconds = 2.0, double minWarmupSeconds = 3.0)
    {
        ArgumentNullException.ThrowIfNull(job);
        var t = Measure(job.Step, seconds, minWarmupSeconds);
        return (t.Best, t.Median, t.BytesPerStep);
    }

    /// <summary><c>--growth</c>: how the step time grows with batch size and layer width (a Markdown table).</summary>
    public static int Growth()
    {
        Threading.MaxDegreeOfParallelism = 1;
        Console.WriteLine("| network | batch | parameters | µs per step (best) | µs per step (median) | bytes allocated per step |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var jobs = new List<TrainingJob>();
        foreach (int batch in new[] { 10, 100, 1000 }) jobs.Add(new TrainingJob([10, 18, 18, 4, 1], batch));
        foreach (int width in new[] { 180, 720 }) jobs.Add(new TrainingJob([10, width, width, 4, 1], 10));
        foreach (int batch in new[] { 32, 128, 512 }) jobs.Add(new TrainingJob([784, 256, 256, 10], batch, batches: 2));
        foreach (var job in jobs)
        {
            var (best, median, bytes) = Measure(job, 1.0);
            var name = job.Name.Split(' ')[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {job.Name.Split(' ')[2]} | {job.Parameters} | {best:F1} | {median:F1} | {bytes:F0} |"));
        }
        return 0;
    }
}
