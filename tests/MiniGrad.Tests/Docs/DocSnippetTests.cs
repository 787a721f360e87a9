namespace MiniGrad.Tests.Docs;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles and runs, and prints what the <c>text</c> block after it shows;
/// every transcript of <c>minigrad</c> commands is what the commands print. One test case per block, named by page and
/// line. <c>tests/scripts/update-docs.sh</c> rewrites the output blocks when the output changes (see docs/writing-docs.md).
/// </summary>
[Collection(nameof(DocsCollection))]
public class DocSnippetTests
{
    public static TheoryData<string> CSharpBlocks() => [.. DocCheck.CSharpBlocks().Select(b => b.Id)];

    public static TheoryData<string> CheckedTranscripts() => [.. DocCheck.Transcripts().Where(b => b.Marker != DocCheck.Measured).Select(b => b.Id)];

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void CSharpBlockCompilesRunsAndPrintsItsOutputBlock(string id)
    {
        var block = DocCheck.Find(id);
        Assert.Empty(DocCheck.FormProblems(block));
        if (DocCheck.SameAs(block) is { } path)
            Assert.True(DocCheck.FileLines(path).SequenceEqual(block.Lines),
                $"{id} must be a copy of {path}: run tests/scripts/update-docs.sh to copy the file into the page.");

        var printed = DocCheck.CompileAndRun(block);
        if (printed is null) return; // compile-only
        if (block.Output is null)
        {
            Assert.True(printed.Count == 0,
                $"{id} prints, but no ```text block follows it to show what: run tests/scripts/update-docs.sh to add one.\n{string.Join("\n", printed)}");
            return;
        }
        var shown = DocCheck.Normalize(block.Output.Lines);
        Assert.True(shown.SequenceEqual(printed),
            $"{id} printed something else than the block at {block.Output.Id} shows (tests/scripts/update-docs.sh rewrites it).\n" +
            $"Shown:\n{string.Join("\n", shown)}\nPrinted:\n{string.Join("\n", printed)}");
    }

    [Theory]
    [MemberData(nameof(CheckedTranscripts))]
    public void TranscriptIsWhatTheCommandsPrint(string id)
    {
        var block = DocCheck.Find(id);
        Assert.Empty(DocCheck.FormProblems(block));
        foreach (var step in Transcript.Parse(block.Lines))
        {
            string? difference = Transcript.Compare(step.Shown, Transcript.Run(step.CommandLine));
            Assert.True(difference is null,
                $"{id}: '$ {step.CommandLine}' printed something else than the page shows (tests/scripts/update-docs.sh rewrites it): {difference}");
        }
    }

    [Fact]
    public void EveryBlockAndMarkerIsOneTheCheckUnderstands()
    {
        var problems = Markdown.Pages().SelectMany(Markdown.Blocks).SelectMany(DocCheck.FormProblems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheCheckFindsTheBlocksItIsMeantToCheck()
    {
        // A guard against a parser that silently finds nothing: the quickstart, and at least one transcript.
        Assert.Contains(DocCheck.CSharpBlocks(), b => b.File == "README.md" && b.Output is not null);
        Assert.Contains(DocCheck.Transcripts(), b => b.Marker != DocCheck.Measured);
        Assert.All(Markdown.Pages(), page => Assert.True(File.Exists(Path.Combine(Support.Repository.Root(), page)), page));
    }
}

/// <summary>
/// The docs tests swap Console.Out (process-wide) while a snippet runs, so they run in a collection that never runs
/// beside other tests.
/// </summary>
[CollectionDefinition(nameof(DocsCollection), DisableParallelization = true)]
public sealed class DocsCollection
{
}
