using System.Text.RegularExpressions;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// One fenced block (<c>```lang</c> ... <c>```</c>) of a Markdown page, with what the docs check needs around it: the
/// marker comment on the nearest non-blank line above it, and for a <c>csharp</c> block the <c>text</c> block that shows
/// its output (the next fenced block, when only blank lines separate the two).
/// </summary>
/// <param name="File">The page, relative to the repository root, with forward slashes (<c>docs/training.md</c>).</param>
/// <param name="FenceLine">The 0-based index of the opening fence line in the page.</param>
/// <param name="Language">The fence's info string (<c>csharp</c>, <c>text</c>, ...), empty when there is none.</param>
/// <param name="Lines">The lines between the fences.</param>
/// <param name="Marker">The text inside a <c>&lt;!-- snippet: ... --&gt;</c> or <c>&lt;!-- output: ... --&gt;</c> comment
/// directly above the block (blank lines between are allowed), such as <c>snippet: compile-only</c>; null when none.</param>
public sealed record FencedBlock(string File, int FenceLine, string Language, IReadOnlyList<string> Lines, string? Marker)
{
    /// <summary>The block that shows this block's output, for a <c>csharp</c> block; null when none follows it.</summary>
    public FencedBlock? Output { get; internal set; }

    /// <summary>The 0-based index of the closing fence line.</summary>
    public int CloseLine => FenceLine + Lines.Count + 1;

    /// <summary>Where the block is, for test names and messages: <c>docs/training.md line 42</c> (1-based).</summary>
    public string Id => $"{File} line {FenceLine + 1}";

    /// <summary>True for a transcript of <c>minigrad</c> commands: a <c>text</c> block whose first line is a <c>$ minigrad</c> prompt.</summary>
    public bool IsTranscript => Language == "text" && Lines.Count > 0 && Transcript.IsPrompt(Lines[0]);
}

/// <summary>Reads the documentation pages (README.md and docs/**/*.md) and their fenced blocks.</summary>
public static partial class Markdown
{
    /// <summary>The pages the docs check covers, relative to the repository root, with forward slashes.</summary>
    public static IReadOnlyList<string> Pages()
    {
        string root = Repository.Root();
        var pages = new List<string> { "README.md" };
        pages.AddRange(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));
        return pages;
    }

    /// <summary>The lines of a page (without line ends).</summary>
    public static string[] ReadLines(string page) =>
        File.ReadAllText(Path.Combine(Repository.Root(), page)).Replace("\r\n", "\n").Split('\n');

    /// <summary>Every fenced block of a page, in order, with markers and output blocks attached.</summary>
    public static List<FencedBlock> Blocks(string page) => Blocks(page, ReadLines(page));

    /// <summary>Every fenced block of the given lines of <paramref name="page"/>, in order.</summary>
    public static List<FencedBlock> Blocks(string page, IReadOnlyList<string> lines)
    {
        var blocks = new List<FencedBlock>();
        for (int i = 0; i < lines.Count; i++)
        {
            var open = FenceOpen().Match(lines[i]);
            if (!open.Success) continue;
            int close = i + 1;
            while (close < lines.Count && lines[close].TrimEnd() != "```") close++;
            if (close == lines.Count) throw new InvalidDataException($"{page} line {i + 1}: a fenced block is never closed.");
            blocks.Add(new FencedBlock(page, i, open.Groups[1].Value, lines.Skip(i + 1).Take(close - i - 1).ToList(), MarkerAbove(lines, i)));
            i = close;
        }
        for (int b = 0; b + 1 < blocks.Count; b++)
        {
            var (code, next) = (blocks[b], blocks[b + 1]);
            if (code.Language != "csharp" || next.Language != "text" || next.Marker is not null) continue;
            bool onlyBlank = true;
            for (int l = code.CloseLine + 1; l < next.FenceLine; l++) onlyBlank &= lines[l].Trim().Length == 0;
            if (onlyBlank) code.Output = next;
        }
        return blocks;
    }

    /// <summary>The text of a marker comment on the nearest non-blank line above line <paramref name="fence"/>.</summary>
    private static string? MarkerAbove(IReadOnlyList<string> lines, int fence)
    {
        for (int l = fence - 1; l >= 0; l--)
        {
            if (lines[l].Trim().Length == 0) continue;
            var m = MarkerComment().Match(lines[l]);
            return m.Success ? m.Groups[1].Value.Trim() : null;
        }
        return null;
    }

    [GeneratedRegex(@"^```([A-Za-z0-9#+_-]*)\s*$")]
    private static partial Regex FenceOpen();

    [GeneratedRegex(@"^\s*<!--\s*((?:snippet|output):.*?)\s*-->\s*$")]
    private static partial Regex MarkerComment();
}
