using BenchmarkDotNet.Attributes;

namespace MiniGrad.Benchmarks;

/// <summary>
/// GradCheck of a composed custom activation, <c>x * sigmoid(1.5 x)</c>, on 1,000 doubles: the full check (the whole
/// 1000 × 1000 Jacobian both ways, kink detection and the extra checks) and fast mode (vᵀJu, with PyTorch's extra
/// checks: backward twice, zero upstream). PyTorch's side of the same job, one thread:
/// <c>/usr/bin/python3 benchmarks/compare/gradcheck.py</c> (torch.autograd.gradcheck, fast_mode True and False).
/// </summary>
[MemoryDiagnoser]
public class GradCheckBenchmarks
{
    private readonly Tensor<double> x = Tensor<double>.RandomUniform(new Generator(1), -5, 5, 1000);
    private static readonly GradCheckOptions Fast = new() { FastMode = true };

    private static Tensor<double> Swish(Tensor<double> t) => t * Functional.Sigmoid(t * 1.5);

    [Benchmark(Baseline = true)]
    public bool FullCheck() => GradCheck.Check(Swish, x).Passed;

    [Benchmark]
    public bool FastCheck() => GradCheck.Check(Swish, x, Fast).Passed;
}
