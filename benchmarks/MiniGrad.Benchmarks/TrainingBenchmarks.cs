using BenchmarkDotNet.Attributes;
using MiniGrad.Kernels;

namespace MiniGrad.Benchmarks;

/// <summary>The two training steps of the issue, one thread (as PyTorch with torch.set_num_threads(1)), in both loop styles.</summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private TrainingJob tutorial = null!, mlp = null!;
    private int savedThreads;

    /// <summary>The loop as the tutorial writes it, or with the speed switches on.</summary>
    [Params(LoopStyle.Plain, LoopStyle.Tuned)]
    public LoopStyle Style { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        savedThreads = Threading.MaxDegreeOfParallelism;
        Threading.MaxDegreeOfParallelism = 1;
        tutorial = TrainingJob.Tutorial003(Style);
        mlp = TrainingJob.Mlp(Style);
    }

    [GlobalCleanup]
    public void Cleanup() => Threading.MaxDegreeOfParallelism = savedThreads;

    /// <summary>Tutorial 003: 10-18-18-4-1, ReLU, batch 10, MSE, Adam.</summary>
    [Benchmark]
    public void Tutorial003Step() => tutorial.Step();

    /// <summary>MLP 784-256-256-10, ReLU, batch 128, MSE, Adam.</summary>
    [Benchmark]
    public void Mlp784Step() => mlp.Step();
}

/// <summary>The MLP step on one and on two threads (the large multiplies split; results bit-identical).</summary>
[MemoryDiagnoser]
public class TrainingStepScalingBenchmarks
{
    private TrainingJob mlp = null!;
    private int savedThreads;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        savedThreads = Threading.MaxDegreeOfParallelism;
        Threading.MaxDegreeOfParallelism = Threads;
        mlp = TrainingJob.Mlp();
    }

    [GlobalCleanup]
    public void Cleanup() => Threading.MaxDegreeOfParallelism = savedThreads;

    [Benchmark]
    public void Mlp784Step() => mlp.Step();
}
