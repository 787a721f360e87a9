using System.Diagnostics;
using System.Globalization;
using MiniGrad.Kernels;

namespace MiniGrad.Benchmarks;

/// <summary>
/// The console modes used by <c>benchmarks/compare</c> and the README tables: Stopwatch timing of training steps,
/// one thread, reported as the best and the median of several timed batches (the best resists noise from other
/// processes; the median shows it).
/// </summary>
public static class StepTimer
{
    /// <summary>µs per step: (best batch mean, median batch mean), and managed bytes allocated per step.</summary>
    public static (double Best, double Median, double BytesPerStep) Measure(TrainingJob job, double seconds = 2.0)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalMilliseconds < 500) job.Step(); // tiered compilation promotes after ~100 ms
        int reps = 1;
        while (true)
        {
            sw.Restart();
            for (int i = 0; i < reps; i++) job.Step();
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
            for (int i = 0; i < reps; i++) job.Step();
            means.Add(sw.Elapsed.TotalMilliseconds * 1000 / reps);
            steps += reps;
        }
        double bytes = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / (double)steps;
        means.Sort();
        return (means[0], means[means.Count / 2], bytes);
    }

    /// <summary><c>--compare</c>: "name best_us median_us bytes_per_step" for the two jobs (machine-readable).</summary>
    public static int Compare(string[] args)
    {
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2.0;
        Threading.MaxDegreeOfParallelism = 1;
        foreach (var (key, job) in new[] { ("tutorial003", TrainingJob.Tutorial003()), ("mlp", TrainingJob.Mlp()) })
        {
            var (best, median, bytes) = Measure(job, seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key} {best:F2} {median:F2} {bytes:F0}"));
        }
        return 0;
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
