using System.Text;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests;

/// <summary>
/// The README's quickstart compiles and prints what its comments say. The code below, between the quickstart
/// markers, is compared line by line with the README's code block, so the two cannot drift apart.
/// It captures Console.Out, which is process-wide, so it runs in a collection that never runs beside other tests.
/// </summary>
[Collection(nameof(ReadmeQuickstartTests))]
public class ReadmeQuickstartTests
{
    private static readonly object ConsoleLock = new();

    private static void Quickstart()
    {
        // quickstart:begin
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2);
        var w = Tensor.FromArray(new[] { 0.5, -1.0, 2.0, 0.25 }, 2, 2).RequireGrad();
        var loss = (Tensor<double>.MatMul(x, w, transposeB: true) - 1.0).Pow(2.0).Mean();
        loss.Backward();
        Console.WriteLine(loss);    // tensor(14.1875, dtype=torch.float64, grad_fn=<MeanBackward0>)
        Console.WriteLine(w.Grad);  // dLoss/dW:
        // tensor([[-6.5000, -9.5000],
        //         [ 9.7500, 13.5000]], dtype=torch.float64)
        // quickstart:end
    }

    /// <summary>The lines of README.md's quickstart code block (without the fences).</summary>
    private static List<string> ReadmeCode()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root(), "README.md"));
        int begin = Array.FindIndex(lines, l => l.StartsWith("<!-- quickstart:begin", StringComparison.Ordinal));
        int end = Array.FindIndex(lines, l => l.StartsWith("<!-- quickstart:end", StringComparison.Ordinal));
        Assert.True(begin >= 0 && end > begin, "README.md has no quickstart markers");
        var block = lines[(begin + 1)..end].ToList();
        Assert.Equal("```csharp", block[0]);
        Assert.Equal("```", block[^1]);
        return block[1..^1];
    }

    /// <summary>The lines between the markers in <see cref="Quickstart"/>, unindented.</summary>
    private static List<string> TestCode()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root(), "tests", "MiniGrad.Tests", "ReadmeQuickstartTests.cs"));
        int begin = Array.FindIndex(lines, l => l.Trim() == "// quickstart:" + "begin");
        int end = Array.FindIndex(lines, l => l.Trim() == "// quickstart:" + "end");
        const int indent = 8;
        return lines[(begin + 1)..end].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()).ToList();
    }

    [Fact]
    public void TheReadmeCodeIsTheCodeThisTestRuns()
    {
        var readme = ReadmeCode();
        Assert.Equal("using MiniGrad;", readme[0]);
        Assert.Equal("", readme[1]);
        Assert.Equal(TestCode(), readme[2..]);
    }

    [Fact]
    public void TheQuickstartPrintsWhatItsCommentsSay()
    {
        // What the comments claim: the comment after each Console.WriteLine, continued by comment-only lines below it
        // (a trailing comment ending in ':' only introduces them).
        var claimed = new List<string>();
        bool inOutput = false;
        foreach (var line in ReadmeCode())
        {
            int comment = line.IndexOf("// ", StringComparison.Ordinal);
            if (line.StartsWith("Console.WriteLine", StringComparison.Ordinal))
            {
                inOutput = true;
                string text = comment < 0 ? "" : line[(comment + 3)..];
                if (!text.EndsWith(':')) claimed.Add(text);
            }
            else if (inOutput && line.StartsWith("// ", StringComparison.Ordinal))
            {
                claimed.Add(line[3..]);
            }
            else
            {
                inOutput = false;
            }
        }

        string printed;
        lock (ConsoleLock)
        {
            var original = Console.Out;
            var writer = new StringWriter(new StringBuilder()) { NewLine = "\n" };
            Console.SetOut(writer);
            try { Quickstart(); }
            finally { Console.SetOut(original); }
            printed = writer.ToString();
        }
        Assert.Equal(string.Join("\n", claimed) + "\n", printed);
    }

    [Fact]
    public void TheQuickstartNumbersAreTheHandDerivedOnes()
    {
        // x wᵀ = [[-1.5, 2.5], [-2.5, 7]]; minus 1 and squared: 6.25, 2.25, 12.25, 36; mean 56.75 / 4 = 14.1875.
        // dLoss/dY = 2 (Y - 1) / 4 = [[-1.25, 0.75], [-1.75, 3]]; dLoss/dW = (dLoss/dY)ᵀ x.
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0, 4.0 }, 2, 2);
        var w = Tensor.FromArray(new[] { 0.5, -1.0, 2.0, 0.25 }, 2, 2).RequireGrad();
        var loss = (Tensor<double>.MatMul(x, w, transposeB: true) - 1.0).Pow(2.0).Mean();
        loss.Backward();
        Assert.Equal(14.1875, loss.Item());
        Assert.Equal([-6.5, -9.5, 9.75, 13.5], w.Grad!.ToArray());
    }
}

/// <summary>The collection that keeps <see cref="ReadmeQuickstartTests"/> from sharing Console.Out with running tests.</summary>
[CollectionDefinition(nameof(ReadmeQuickstartTests), DisableParallelization = true)]
public sealed class ReadmeQuickstartTestsCollection
{
}
