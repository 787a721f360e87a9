using MiniGrad.Tests.Support;

namespace MiniGrad.Tests;

/// <summary>
/// The "three ways to write an activation" block of docs/gradient-checking.md is examples/CustomActivation/Program.cs, which CI builds
/// and runs: this test keeps the two equal, and checks the gradient the block claims through the same ops.
/// </summary>
public class ReadmeCustomActivationTests
{
    [Fact]
    public void TheReadmeBlockIsTheExampleProgram()
    {
        var readme = File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "gradient-checking.md"));
        int begin = Array.FindIndex(readme, l => l.StartsWith("<!-- custom-activations:begin", StringComparison.Ordinal));
        int end = Array.FindIndex(readme, l => l.StartsWith("<!-- custom-activations:end", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end > begin, "docs/gradient-checking.md has no custom-activations markers");
        var block = readme[(begin + 1)..end];
        Assert.Equal("```csharp", block[0]);
        Assert.Equal("```", block[^1]);
        var program = File.ReadAllLines(Path.Combine(Repository.Root(), "examples", "CustomActivation", "Program.cs"));
        Assert.Equal(program, block[1..^1]);
    }

    [Fact]
    public void TheStructAndDelegateFormsAgreeWithTheComposedOne()
    {
        var x = Tensor.FromArray(new[] { -1.0, 0.5, 2.0 });
        var composed = x * Functional.Sigmoid(x * 1.5);
        var delegates = CustomActivation.Create("MySwish",
            v => v / (1 + Math.Exp(-1.5 * v)),
            v => { double s = 1 / (1 + Math.Exp(-1.5 * v)); return s + 1.5 * v * s * (1 - s); }).Apply(x);
        for (int i = 0; i < 3; i++) Assert.Equal(composed.Span[i], delegates.Span[i], 14);
    }
}
