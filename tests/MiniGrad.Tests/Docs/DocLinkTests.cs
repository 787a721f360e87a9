using System.Text;
using System.Text.RegularExpressions;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// Every relative link and image in README.md and docs/*.md points at a file or folder of the repository, and a
/// <c>#fragment</c> into a Markdown page names one of its headings (GitHub's anchors).
/// </summary>
public partial class DocLinkTests
{
    [Fact]
    public void EveryRelativeLinkResolves()
    {
        string root = Repository.Root();
        var broken = new List<string>();
        int links = 0;
        foreach (var page in Markdown.Pages())
        {
            var lines = Markdown.ReadLines(page);
            string dir = Path.GetDirectoryName(Path.Combine(root, page))!;
            bool inFence = false;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
                if (inFence) continue;
                foreach (Match m in Link().Matches(WithoutCodeSpans(lines[i])))
                {
                    string target = m.Groups[1].Value;
                    if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                    links++;
                    int hash = target.IndexOf('#', StringComparison.Ordinal);
                    string path = hash < 0 ? target : target[..hash];
                    string? fragment = hash < 0 ? null : target[(hash + 1)..];
                    string full = path.Length == 0 ? Path.Combine(root, page) : Path.GetFullPath(Path.Combine(dir, path));
                    if (!File.Exists(full) && !Directory.Exists(full))
                        broken.Add($"{page} line {i + 1}: {target} (no such file)");
                    else if (fragment is not null && full.EndsWith(".md", StringComparison.Ordinal) && !Anchors(full).Contains(fragment))
                        broken.Add($"{page} line {i + 1}: {target} (no heading with anchor #{fragment})");
                }
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
        Assert.True(links > 10, $"only {links} relative links found: is the link pattern still right?");
    }

    [Theory]
    [InlineData("Training: `minigrad train`, modules, losses and optimizers", "training-minigrad-train-modules-losses-and-optimizers")]
    [InlineData("Examples: the tutorials' code, twinned", "examples-the-tutorials-code-twinned")]
    [InlineData("Why has this tensor no gradient?", "why-has-this-tensor-no-gradient")]
    [InlineData("The checker's speed", "the-checkers-speed")]
    public void AnchorsAreGitHubs(string heading, string anchor) => Assert.Equal(anchor, Anchor(heading));

    /// <summary>The anchors of a Markdown file's headings, as GitHub makes them (a repeated heading gets -1, -2, ...).</summary>
    private static HashSet<string> Anchors(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        bool inFence = false;
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) { inFence = !inFence; continue; }
            var m = Heading().Match(line);
            if (inFence || !m.Success) continue;
            string anchor = Anchor(m.Groups[1].Value);
            string unique = anchor;
            for (int n = 1; !anchors.Add(unique); n++) unique = $"{anchor}-{n}";
        }
        return anchors;
    }

    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped (but '-' and '_'), spaces as '-'.</summary>
    private static string Anchor(string heading)
    {
        var sb = new StringBuilder();
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') sb.Append(c);
            else if (c == ' ') sb.Append('-');
        }
        return sb.ToString();
    }

    private static string WithoutCodeSpans(string line) => CodeSpan().Replace(line, "");

    [GeneratedRegex(@"!?\[[^\]]*\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();
}
