using BenchmarkDotNet.Running;
using MiniGrad.Benchmarks;

// --quick [shape...]: Stopwatch GEMM/FMA report (all shapes, or those containing an argument); --compare [seconds]: the two training jobs' µs per step (benchmarks/compare);
// --growth: step time against batch size and width; anything else goes to BenchmarkDotNet
// (e.g. --filter '*' --job short).
if (args.Length > 0)
{
    switch (args[0])
    {
        case "--quick": return QuickRunner.Run(args[1..]);
        case "--compare": return StepTimer.Compare(args);
        case "--growth": return StepTimer.Growth();
    }
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
