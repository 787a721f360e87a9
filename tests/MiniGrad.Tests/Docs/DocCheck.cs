using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// The rules of the docs check (docs/writing-docs.md explains them to writers), shared by the tests that check the pages
/// and by the updater that rewrites their output blocks.
/// </summary>
public static class DocCheck
{
    /// <summary>The marker that keeps a C# block from running: it is compiled only.</summary>
    public const string CompileOnly = "snippet: compile-only";

    /// <summary>The start of the marker that says a C# block is a copy of a file of the repository (which is compiled and run as well).</summary>
    public const string SameAsPrefix = "snippet: same-as ";

    /// <summary>The marker of a transcript whose figures are measurements: the check does not run it; the updater reruns it on request.</summary>
    public const string Measured = "output: measured";

    /// <summary>Every C# block of every page.</summary>
    public static IEnumerable<FencedBlock> CSharpBlocks() =>
        Markdown.Pages().SelectMany(Markdown.Blocks).Where(b => b.Language == "csharp");

    /// <summary>Every transcript of every page, measured ones included.</summary>
    public static IEnumerable<FencedBlock> Transcripts() =>
        Markdown.Pages().SelectMany(Markdown.Blocks).Where(b => b.IsTranscript);

    /// <summary>The block with this <see cref="FencedBlock.Id"/>.</summary>
    public static FencedBlock Find(string id) =>
        Markdown.Pages().SelectMany(Markdown.Blocks).Single(b => b.Id == id);

    /// <summary>The repository file a <c>same-as</c> block copies, relative to the root; null for other blocks.</summary>
    public static string? SameAs(FencedBlock block) =>
        block.Marker is { } m && m.StartsWith(SameAsPrefix, StringComparison.Ordinal) ? m[SameAsPrefix.Length..].Trim() : null;

    /// <summary>The lines of a repository file, without a final empty line.</summary>
    public static List<string> FileLines(string relativePath)
    {
        var lines = File.ReadAllText(Path.Combine(Repository.Root(), relativePath)).Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>Problems with a block's marker or form that need no compiling or running; empty when there are none.</summary>
    public static List<string> FormProblems(FencedBlock block)
    {
        var problems = new List<string>();
        string lang = block.Language.ToLowerInvariant();
        if (lang is "cs" or "c#" or "c-sharp" or "csharp" && block.Language != "csharp")
            problems.Add($"{block.Id}: write the fence as ```csharp (the check looks for that spelling).");
        if (block.Marker is { } marker)
        {
            bool known = marker == CompileOnly || marker == Measured || SameAs(block) is { Length: > 0 };
            if (!known) problems.Add($"{block.Id}: unknown marker '<!-- {marker} -->'; known: '{CompileOnly}', '{SameAsPrefix}PATH', '{Measured}'.");
            if (marker.StartsWith("snippet:", StringComparison.Ordinal) && block.Language != "csharp")
                problems.Add($"{block.Id}: a 'snippet:' marker belongs before a ```csharp block.");
            if (marker == Measured && !block.IsTranscript)
                problems.Add($"{block.Id}: '{Measured}' belongs before a transcript (a ```text block starting with '$ minigrad').");
            if (marker == CompileOnly && block.Output is not null)
                problems.Add($"{block.Id}: a compile-only snippet does not run, so it cannot be followed by an output block.");
            if (SameAs(block) is { Length: > 0 } path && !File.Exists(Path.Combine(Repository.Root(), path)))
                problems.Add($"{block.Id}: '{path}' (same-as) does not exist.");
        }
        return problems;
    }

    /// <summary>
    /// Compiles and (unless compile-only) runs a C# block; returns what it printed, as lines with trailing spaces and
    /// final blank lines removed (null for a compile-only block). Throws <see cref="Xunit.Sdk.XunitException"/> with the
    /// compiler's diagnostics when it does not compile.
    /// </summary>
    public static List<string>? CompileAndRun(FencedBlock block)
    {
        var compiled = SnippetRunner.Compile(string.Join("\n", block.Lines) + "\n", block.Id);
        if (compiled.Image is null)
            throw new Xunit.Sdk.XunitException($"{block.Id} does not compile:\n{string.Join("\n", compiled.Problems)}");
        if (block.Marker == CompileOnly) return null;
        return Normalize(SnippetRunner.Run(compiled).Split('\n'));
    }

    /// <summary>Lines with trailing spaces removed and blank lines at the end dropped.</summary>
    public static List<string> Normalize(IEnumerable<string> lines)
    {
        var list = lines.Select(l => l.TrimEnd()).ToList();
        while (list.Count > 0 && list[^1].Length == 0) list.RemoveAt(list.Count - 1);
        return list;
    }
}
