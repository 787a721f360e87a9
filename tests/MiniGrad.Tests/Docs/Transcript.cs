using MiniGrad.Tests.Support;
using System.Text;
using System.Text.RegularExpressions;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// A transcript in the docs: a <c>text</c> block of <c>$ minigrad ARGS</c> prompts, each followed by what the command
/// prints. The docs check runs each command (the built <c>MiniGrad.Cli.dll</c> in a child process, output redirected,
/// <c>CI=true</c>, in a fresh temporary directory) and compares. Rules:
/// <list type="bullet">
/// <item>lines are compared with trailing spaces removed, and blank lines at the end of each command's output are ignored;</item>
/// <item>a duration (<c>Time: 0.08 s</c>, <c>372 ms</c>, <c>14 µs</c>) is a measurement: any such number matches any other;</item>
/// <item>in a table drawn with box characters (<c>│</c>, <c>─</c>, ...) runs of spaces and of <c>─</c> count as one, and a
/// title line centred above the table (the line before its <c>╭</c> top) is compared without its leading spaces, so
/// that a time column one character wider or narrower still matches;</item>
/// <item>one line <c>...</c> in a command's output stands for lines left out: the lines above it must be the first lines
/// printed, the lines below it the last ones.</item>
/// </list>
/// </summary>
public static partial class Transcript
{
    private const string Prompt = "$ minigrad";

    /// <summary>The line that stands for lines left out of a command's output.</summary>
    public const string Elision = "...";

    /// <summary>True for a line <c>$ minigrad ...</c>.</summary>
    public static bool IsPrompt(string line) => line == Prompt || line.StartsWith(Prompt + " ", StringComparison.Ordinal);

    /// <summary>One command of a transcript and the lines the page shows for it.</summary>
    public sealed record Step(string CommandLine, IReadOnlyList<string> Shown);

    /// <summary>Splits a transcript block into its commands.</summary>
    public static List<Step> Parse(IReadOnlyList<string> lines)
    {
        var steps = new List<Step>();
        for (int i = 0; i < lines.Count;)
        {
            if (!IsPrompt(lines[i])) throw new InvalidDataException($"transcript line '{lines[i]}' is not a '{Prompt}' prompt.");
            int next = i + 1;
            while (next < lines.Count && !IsPrompt(lines[next])) next++;
            steps.Add(new Step(lines[i][1..].Trim(), TrimEnd(lines.Skip(i + 1).Take(next - i - 1))));
            i = next;
        }
        return steps;
    }

    /// <summary>Runs <c>minigrad ARGS</c> (<paramref name="commandLine"/> starts with <c>minigrad</c>) and returns stdout then stderr, as lines.</summary>
    public static List<string> Run(string commandLine)
    {
        var words = SplitWords(commandLine);
        if (words.Count == 0 || words[0] != "minigrad") throw new ArgumentException($"not a minigrad command: {commandLine}", nameof(commandLine));
        var dir = Directory.CreateTempSubdirectory("minigrad-docs-");
        try
        {
            var result = ChildProcess.RunDotnet("MiniGrad.Cli.dll", words.Skip(1), dir.FullName,
                new Dictionary<string, string> { ["CI"] = "true" }, TimeSpan.FromMinutes(5));
            return TrimEnd((result.Stdout + result.Stderr).Replace("\r\n", "\n").Split('\n'));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Null when <paramref name="actual"/> is what <paramref name="shown"/> shows, else a description of the first difference.</summary>
    public static string? Compare(IReadOnlyList<string> shown, IReadOnlyList<string> actual)
    {
        int elision = IndexOfElision(shown);
        var head = elision < 0 ? shown : shown.Take(elision).ToList();
        var tail = elision < 0 ? [] : shown.Skip(elision + 1).ToList();
        if (elision < 0 && shown.Count != actual.Count)
            return $"the page shows {shown.Count} lines, the command printed {actual.Count}:\n{string.Join("\n", actual)}";
        if (actual.Count < head.Count + tail.Count)
            return $"the page shows {head.Count + tail.Count} lines around '...', the command printed only {actual.Count}:\n{string.Join("\n", actual)}";
        var (maskedHead, maskedTail, maskedActual) = (Mask(head), Mask(tail), Mask(actual));
        for (int i = 0; i < head.Count; i++)
            if (maskedHead[i] != maskedActual[i]) return $"line {i + 1}: the page shows\n  {head[i]}\nthe command printed\n  {actual[i]}";
        for (int i = 0; i < tail.Count; i++)
        {
            int a = actual.Count - tail.Count + i;
            if (maskedTail[i] != maskedActual[a]) return $"line {a + 1}: the page shows\n  {tail[i]}\nthe command printed\n  {actual[a]}";
        }
        return null;
    }

    /// <summary>What the page should show for <paramref name="actual"/>: all of it, or as many first and last lines as <paramref name="shown"/> keeps around its '...'.</summary>
    /// <remarks>
    /// When <see cref="Compare"/> finds no difference (only measured durations, or a table's column widths, changed) the
    /// shown lines are kept as they are, so that rerunning does not churn the page; otherwise the whole excerpt is taken
    /// from <paramref name="actual"/>, durations included, so that a table stays one run's table.
    /// </remarks>
    public static List<string> Excerpt(IReadOnlyList<string> shown, IReadOnlyList<string> actual)
    {
        if (Compare(shown, actual) is null) return shown.Select(l => l.TrimEnd()).ToList();
        int elision = IndexOfElision(shown);
        int head = elision < 0 ? actual.Count : elision, tail = elision < 0 ? 0 : shown.Count - elision - 1;
        if (elision >= 0 && actual.Count <= head + tail) (head, tail, elision) = (actual.Count, 0, -1);
        var result = actual.Take(head).ToList();
        if (elision < 0) return result;
        result.Add(Elision);
        result.AddRange(actual.Skip(actual.Count - tail));
        return result;
    }

    private static int IndexOfElision(IReadOnlyList<string> shown)
    {
        int first = -1, count = 0;
        for (int i = 0; i < shown.Count; i++)
            if (shown[i].Trim() == Elision) { count++; if (first < 0) first = i; }
        if (count > 1) throw new InvalidDataException("a command's output in a transcript may leave lines out once ('...') only.");
        return first;
    }

    /// <summary>
    /// The lines as the comparison sees them: trailing spaces removed, durations (<c>0.10 s</c>, <c>372 ms</c>, <c>14 µs</c>)
    /// replaced by a placeholder, runs of spaces and of horizontal box lines in a table line counted as one, and the
    /// title line above a table's top border without its leading spaces (its centring follows the table's width).
    /// </summary>
    public static List<string> Mask(IReadOnlyList<string> lines)
    {
        var masked = new List<string>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            string line = Duration().Replace(lines[i].TrimEnd(), "<duration>");
            if (IsTableLine(line)) line = Runs().Replace(line, "$1");
            else if (i + 1 < lines.Count && IsTableTop(lines[i + 1])) line = line.TrimStart();
            masked.Add(line);
        }
        return masked;
    }

    /// <summary>True for a line with a box-drawing character (U+2500 to U+257F): a row or border of a table.</summary>
    private static bool IsTableLine(string line) => line.Any(c => c is >= '\u2500' and <= '\u257F');

    private static bool IsTableTop(string line) => line.TrimStart() is { Length: > 0 } t && t[0] is '╭' or '┌' or '╔' or '┏';

    private static List<string> TrimEnd(IEnumerable<string> lines)
    {
        var list = lines.Select(l => l.TrimEnd()).ToList();
        while (list.Count > 0 && list[^1].Length == 0) list.RemoveAt(list.Count - 1);
        return list;
    }

    /// <summary>Splits a command line into words at spaces; single or double quotes group words.</summary>
    private static List<string> SplitWords(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        char quote = '\0';
        bool any = false;
        foreach (char c in commandLine)
        {
            if (quote != '\0') { if (c == quote) quote = '\0'; else word.Append(c); }
            else if (c is '"' or '\'') { quote = c; any = true; }
            else if (c == ' ') { if (any || word.Length > 0) words.Add(word.ToString()); word.Clear(); any = false; }
            else word.Append(c);
        }
        if (any || word.Length > 0) words.Add(word.ToString());
        return words;
    }

    [GeneratedRegex(@"\b\d+(?:\.\d+)? (?:s|ms|µs|us|ns)(?![\p{L}\p{N}_])")]
    private static partial Regex Duration();

    [GeneratedRegex(@"([ ─━═])\1+")]
    private static partial Regex Runs();
}
