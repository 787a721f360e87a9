using BenchmarkDotNet.Attributes;
using MiniGrad.Kernels;

namespace MiniGrad.Benchmarks;

/// <summary>The Vector512 FMA peak of one core, float and double (the reference for the GEMM's fractions).</summary>
[MemoryDiagnoser]
[Config(typeof(GflopsConfig))]
public class FmaPeakBenchmarks
{
    private const long Iterations = 1 << 16;

    [Benchmark]
    [Flops(Iterations * FmaPeak.Chains * 16 * 2)]
    public float FloatPeak() => FmaPeak.Float(Iterations);

    [Benchmark]
    [Flops(Iterations * FmaPeak.Chains * 8 * 2)]
    public double DoublePeak() => FmaPeak.Double(Iterations);
}

/// <summary>The matrix multiplies of the two training steps (and the transposes backward uses), one thread.</summary>
[MemoryDiagnoser]
[Config(typeof(GflopsConfig))]
public class MatMulBenchmarks
{
    private float[] af = [], bf = [], cf = [];
    private double[] ad = [], bd = [], cd = [];
    private int m, k, n;
    private bool ta, tb;
    private int savedThreads;

    public static IEnumerable<string> Shapes => GemmShapes.Mlp.Concat(GemmShapes.Tutorial);

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (m, k, n, ta, tb) = GemmShapes.Parse(Shape);
        var rng = new Random(1);
        af = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray();
        bf = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray();
        ad = af.Select(x => (double)x).ToArray();
        bd = bf.Select(x => (double)x).ToArray();
        cf = new float[m * n];
        cd = new double[m * n];
        savedThreads = Threading.MaxDegreeOfParallelism;
        Threading.MaxDegreeOfParallelism = 1;
    }

    [GlobalCleanup]
    public void Cleanup() => Threading.MaxDegreeOfParallelism = savedThreads;

    [Benchmark]
    public void Float() => MatMul.Multiply<float>(af, bf, cf, m, k, n, ta, tb);

    [Benchmark]
    public void Double() => MatMul.Multiply<double>(ad, bd, cd, m, k, n, ta, tb);
}

/// <summary>1 → 2 thread scaling of large float multiplies (bit-identical results; see the Kernels tests).</summary>
[MemoryDiagnoser]
[Config(typeof(GflopsConfig))]
public class MatMulScalingBenchmarks
{
    private float[] a = [], b = [], c = [];
    private int m, k, n;
    private bool ta, tb;
    private int savedThreads;

    [Params("512x512x512 NN", "128x784x256 NT", "256x128x784 TN")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (m, k, n, ta, tb) = GemmShapes.Parse(Shape);
        var rng = new Random(1);
        a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray();
        b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray();
        c = new float[m * n];
        savedThreads = Threading.MaxDegreeOfParallelism;
        Threading.MaxDegreeOfParallelism = Threads;
    }

    [GlobalCleanup]
    public void Cleanup() => Threading.MaxDegreeOfParallelism = savedThreads;

    [Benchmark]
    public void Float() => MatMul.Multiply<float>(a, b, c, m, k, n, ta, tb);
}
