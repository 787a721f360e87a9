using System.Globalization;
using MiniGrad.Kernels;

namespace MiniGrad.Benchmarks;

/// <summary>
/// <c>--compare</c>: the MiniGrad half of <c>benchmarks/compare/compare.py</c>, which owns the job list and runs the
/// PyTorch half by the same rules (<see cref="StepTimer"/>). Every job runs in both loop styles, plain first, at one
/// thread count. Output, one record a line, space-separated (machine-readable):
/// <code>
/// peak FLOAT_GFLOPS DOUBLE_GFLOPS WIDTH                            (with --peak: one core's FMA peak, and its vectors)
/// job KEY STYLE THREADS BEST_US MEDIAN_US BYTES_PER_STEP WARMUP_S SETTLED
/// adam KEY THREADS ELEMENTS_PER_NS                                 (with --adam KEY: Adam.Step alone, in that job)
/// </code>
/// </summary>
/// <remarks>
/// Arguments: <c>--threads N --seconds S --warmup W [--peak] [--adam KEY]... --job KEY SPEC...</c>, where SPEC is
/// <c>SIZES/BATCH/BATCHES</c> (<c>784-256-256-10/128/4</c>: an MLP of <see cref="TrainingJob"/>) or
/// <c>digits/EPOCHS</c> (a whole run of the Digits example, <see cref="DigitsJob"/>).
/// </remarks>
public static class CompareCommand
{
    private const string Usage = "usage: MiniGrad.Benchmarks --compare [--threads N] [--seconds S] [--warmup W] [--peak] [--adam KEY]... --job KEY SIZES/BATCH/BATCHES|digits/EPOCHS ...";

    /// <summary>Runs the jobs <paramref name="args"/> name (after <c>--compare</c>); 2 with one line on stderr for a usage error.</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var inv = CultureInfo.InvariantCulture;
        int threads = 1;
        double seconds = 2, warmup = 3;
        bool peak = false;
        var adam = new HashSet<string>();
        var jobs = new List<(string Key, string Spec)>();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--threads":
                    if (!int.TryParse(Value(), inv, out threads) || threads < 1) throw new UsageException($"--threads must be a whole number of at least 1, got '{args[i]}'");
                    break;
                case "--seconds":
                    if (!double.TryParse(Value(), NumberStyles.Float, inv, out seconds) || !(seconds > 0)) throw new UsageException($"--seconds must be a positive number, got '{args[i]}'");
                    break;
                case "--warmup":
                    if (!double.TryParse(Value(), NumberStyles.Float, inv, out warmup) || !(warmup >= 0)) throw new UsageException($"--warmup must be a number of at least 0, got '{args[i]}'");
                    break;
                case "--peak": peak = true; break;
                case "--adam": adam.Add(Value()); break;
                case "--job":
                    string key = Value();
                    jobs.Add((key, Value()));
                    break;
                default: throw new UsageException($"unknown argument '{args[i]}'");
            }
        }
        var built = jobs.Select(j => (j.Key, Factory: Parse(j.Key, j.Spec))).ToList(); // every spec checked before any timing

        Threading.MaxDegreeOfParallelism = threads;
        if (peak)
        {
            double f = FmaPeak.FloatFlops(1 << 20) / QuickRunner.Best(() => FmaPeak.Float(1 << 20)) / 1e9;
            double d = FmaPeak.DoubleFlops(1 << 20) / QuickRunner.Best(() => FmaPeak.Double(1 << 20)) / 1e9;
            Console.WriteLine(string.Create(inv, $"peak {f:F1} {d:F1} {FmaPeak.Width}"));
        }
        foreach (var (key, factory) in built)
        {
            foreach (var style in new[] { LoopStyle.Plain, LoopStyle.Tuned })
            {
                var (step, job) = factory(style);
                StepTimer.Timing t;
                if (style == LoopStyle.Plain)
                {
                    t = StepTimer.Measure(step, seconds, warmup); // on the thread's own tape, as a user's loop runs
                }
                else
                {
                    // The tuned loop turns RecycleBuffers on: on a tape of its own, so that the switch ends with it.
                    using var tape = Tape.Begin();
                    t = StepTimer.Measure(step, seconds, warmup);
                    if (job is not null && adam.Contains(key))
                    {
                        var a = StepTimer.Measure(job.OptimizerStep, seconds, warmup);
                        Console.WriteLine(string.Create(inv, $"adam {key} {threads} {job.Parameters / (a.Best * 1000):F2}"));
                    }
                }
                Console.WriteLine(string.Create(inv,
                    $"job {key} {style.ToString().ToLowerInvariant()} {threads} {t.Best:F3} {t.Median:F3} {t.BytesPerStep:F0} {t.WarmupSeconds:F1} {(t.Settled ? 1 : 0)}"));
            }
        }
        return 0;
    }

    /// <summary>Runs <see cref="Run"/>, turning a usage error into one line on stderr and exit code 2.</summary>
    public static int RunOrExplain(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"MiniGrad.Benchmarks --compare: {e.Message}; {Usage}");
            return 2;
        }
    }

    /// <summary>A job's step in a given style, and the MLP job itself (null for digits) for the Adam side loop.</summary>
    private static Func<LoopStyle, (Action Step, TrainingJob? Job)> Parse(string key, string spec)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = spec.Split('/');
        if (parts.Length == 2 && parts[0] == "digits")
        {
            if (!int.TryParse(parts[1], inv, out int epochs) || epochs < 1) throw new UsageException($"job {key}: digits/EPOCHS needs a whole number of epochs of at least 1, got '{spec}'");
            return style => (new DigitsJob(epochs, style).Run, null);
        }
        if (parts.Length == 3)
        {
            var sizes = parts[0].Split('-').Select(s => int.TryParse(s, inv, out int v) ? v : 0).ToArray();
            if (sizes.Length >= 2 && sizes.All(s => s > 0)
                && int.TryParse(parts[1], inv, out int batch) && batch > 0
                && int.TryParse(parts[2], inv, out int batches) && batches > 0)
                return style =>
                {
                    var job = new TrainingJob(sizes, batch, batches, style);
                    return (job.Step, job);
                };
        }
        throw new UsageException($"job {key}: '{spec}' is neither SIZES/BATCH/BATCHES (like 784-256-256-10/128/4) nor digits/EPOCHS");
    }

    /// <summary>A bad command line: the message says what is wrong.</summary>
    private sealed class UsageException(string message) : Exception(message);
}
