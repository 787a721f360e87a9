using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// Rewrites the output blocks of README.md and docs/*.md from real runs, when <c>MINIGRAD_UPDATE_DOCS</c> is set:
/// <c>1</c> rewrites the checked ones (each C# block's <c>text</c> block, adding one where a block prints and has
/// none; each <c>same-as</c> block from its file; each transcript not marked measured), <c>all</c> reruns the
/// measured transcripts too (slow). Without the variable the test does nothing. <c>tests/scripts/update-docs.sh</c>
/// runs it and then the check.
/// </summary>
[Collection(nameof(DocsCollection))]
public class DocOutputUpdater
{
    public const string Variable = "MINIGRAD_UPDATE_DOCS";

    [Fact]
    public void RewriteOutputBlocksWhenAsked()
    {
        string? mode = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(mode) || mode == "0") return;
        bool measuredToo = mode == "all";
        foreach (var page in Markdown.Pages())
        {
            var lines = Markdown.ReadLines(page).ToList();
            // From the last block up, so that earlier line numbers stay valid while later blocks change length.
            foreach (var block in Markdown.Blocks(page, lines).AsEnumerable().Reverse())
            {
                if (block.Language == "csharp") UpdateSnippet(block, lines);
                else if (block.IsTranscript && (block.Marker != DocCheck.Measured || measuredToo)) UpdateTranscript(block, lines);
            }
            string text = string.Join("\n", lines);
            if (text != string.Join("\n", Markdown.ReadLines(page)))
                File.WriteAllText(Path.Combine(Repository.Root(), page), text);
        }
    }

    private static void UpdateSnippet(FencedBlock block, List<string> lines)
    {
        var source = block;
        if (DocCheck.SameAs(block) is { } path && File.Exists(Path.Combine(Repository.Root(), path)))
            source = block with { Lines = DocCheck.FileLines(path) };
        var printed = DocCheck.CompileAndRun(source);
        if (printed is not null)
        {
            if (block.Output is { } output) Replace(lines, output, printed);
            else if (printed.Count > 0) lines.InsertRange(block.CloseLine + 1, ["", "```text", .. printed, "```"]);
        }
        if (!ReferenceEquals(source, block)) Replace(lines, block, source.Lines);
    }

    private static void UpdateTranscript(FencedBlock block, List<string> lines)
    {
        var rewritten = new List<string>();
        foreach (var step in Transcript.Parse(block.Lines))
        {
            if (rewritten.Count > 0) rewritten.Add("");
            rewritten.Add("$ " + step.CommandLine);
            rewritten.AddRange(Transcript.Excerpt(step.Shown, Transcript.Run(step.CommandLine)));
        }
        Replace(lines, block, rewritten);
    }

    /// <summary>Replaces the lines between a block's fences.</summary>
    private static void Replace(List<string> lines, FencedBlock block, IReadOnlyList<string> content)
    {
        lines.RemoveRange(block.FenceLine + 1, block.Lines.Count);
        lines.InsertRange(block.FenceLine + 1, content);
    }
}
