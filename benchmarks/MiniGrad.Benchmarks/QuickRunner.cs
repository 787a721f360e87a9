using System.Diagnostics;
using System.Globalization;
using MiniGrad.Kernels;

namespace MiniGrad.Benchmarks;

/// <summary>
/// <c>--quick [shape...]</c>: a fast Stopwatch report (no BenchmarkDotNet) of the FMA peak and the GEMM shapes in GFLOP/s and as a
/// fraction of the peak. Each figure is the best of several timed batches, which resists noise from other processes.
/// </summary>
public static class QuickRunner
{
    /// <param name="only">Shapes to time (substrings of "m×k×n op", or any whole shape); all when empty.</param>
    public static int Run(string[] only)
    {
        Console.WriteLine($"Vector512: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, GEMM path: {MatMul.MachineIsa}, processors: {Environment.ProcessorCount}");
        double peakF = FmaPeak.FloatFlops(1 << 20) / Best(() => FmaPeak.Float(1 << 20)) / 1e9;
        double peakD = FmaPeak.DoubleFlops(1 << 20) / Best(() => FmaPeak.Double(1 << 20)) / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FMA peak (1 core): float {peakF:F1} GFLOP/s, double {peakD:F1} GFLOP/s"));
        Console.WriteLine("shape            type    1 thread GFLOP/s  %peak   2 threads GFLOP/s   ns/call (1 thread)");
        var known = GemmShapes.Mlp.Concat(GemmShapes.Tutorial).ToArray();
        // An argument that is a whole shape ("m×k×n op") is timed even when it is not one of the training steps'.
        var extra = only.Where(s => !known.Contains(s) && System.Text.RegularExpressions.Regex.IsMatch(s, "^[0-9]+x[0-9]+x[0-9]+ [NT][NT]$"));
        foreach (var shape in known.Where(s => only.Length == 0 || only.Any(s.Contains)).Concat(extra))
        {
            Report<float>(shape, peakF);
            Report<double>(shape, peakD);
        }
        return 0;
    }

    private static void Report<T>(string shape, double peak)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var (m, k, n, ta, tb) = GemmShapes.Parse(shape);
        var rng = new Random(1);
        var a = Enumerable.Range(0, m * k).Select(_ => T.CreateChecked(rng.NextDouble())).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => T.CreateChecked(rng.NextDouble())).ToArray();
        var c = new T[m * n];
        int saved = Threading.MaxDegreeOfParallelism;
        Threading.MaxDegreeOfParallelism = 1;
        double seconds = Best(() => MatMul.Multiply<T>(a, b, c, m, k, n, ta, tb));
        double one = GemmShapes.Flops(shape) / seconds / 1e9;
        Threading.MaxDegreeOfParallelism = 2;
        double two = GemmShapes.Flops(shape) / Best(() => MatMul.Multiply<T>(a, b, c, m, k, n, ta, tb)) / 1e9;
        Threading.MaxDegreeOfParallelism = saved;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{shape,-16} {(typeof(T) == typeof(float) ? "float" : "double"),-7} {one,16:F1}  {100 * one / peak,5:F0}%  {two,18:F1}  {seconds * 1e9,19:F0}"));
    }

    /// <summary>The best time in seconds of one call, over batches sized to about 2 ms each, for about 150 ms.</summary>
    public static double Best(Action action)
    {
        // Warm up long enough for tiered compilation to reach the optimized code.
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalMilliseconds < 250) action(); // tiering waits ~100 ms before promoting
        int reps = 1;
        while (true)
        {
            sw.Restart();
            for (int i = 0; i < reps; i++) action();
            if (sw.Elapsed.TotalMilliseconds >= 2 || reps >= 1 << 24) break;
            reps *= 2;
        }
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalMilliseconds < 150)
        {
            sw.Restart();
            for (int i = 0; i < reps; i++) action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds / reps);
        }
        return best;
    }
}
