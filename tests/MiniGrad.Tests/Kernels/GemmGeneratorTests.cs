using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Kernels;

/// <summary>
/// The GEMM micro-kernels and block methods are generated: <c>generate_kernels.py --check</c> regenerates them in
/// memory and fails when the committed C# differs, so a hand edit of generated code cannot slip in.
/// </summary>
public class GemmGeneratorTests
{
    [Fact]
    public void TheCommittedKernelsAreWhatTheGeneratorWrites()
    {
        string script = Path.Combine(Repository.Root(), "src", "MiniGrad", "Kernels", "Gemm", "generate_kernels.py");
        // The script uses Python's standard library only; Debian's interpreter is there wherever the project's CI runs.
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var result = ChildProcess.Run(python, [script, "--check"]);
        Assert.True(result.ExitCode == 0, $"generate_kernels.py --check failed:\n{result.Stdout}{result.Stderr}");
    }
}
