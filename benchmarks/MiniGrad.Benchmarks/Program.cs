using BenchmarkDotNet.Running;
using MiniGrad.Benchmarks;

// --quick: Stopwatch GEMM/FMA report; --compare: the two training jobs' µs per step (for benchmarks/compare);
// anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args.Length > 0 && args[0] == "--quick") return QuickRunner.Run();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
