using BenchmarkDotNet.Running;
using MiniGrad.Benchmarks;

// --quick [shape...]: Stopwatch GEMM/FMA report (all shapes, or those containing an argument); --compare ...: the MiniGrad half of benchmarks/compare (see CompareCommand);
// --growth: step time against batch size and width; anything else goes to BenchmarkDotNet
// (e.g. --filter '*' --job short).
if (args.Length > 0)
{
    switch (args[0])
    {
        case "--quick": return QuickRunner.Run(args[1..]);
        case "--compare": return CompareCommand.RunOrExplain(args[1..]);
        case "--growth": return StepTimer.Growth();
    }
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
