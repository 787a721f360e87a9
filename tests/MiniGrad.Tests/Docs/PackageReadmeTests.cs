using System.Text.RegularExpressions;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// The package READMEs (docs/packages/&lt;PackageId&gt;.md, packed by Directory.Build.targets) and public API files: one
/// README per package and no orphan, nothing relative in them (nuget.org shows them away from the repository),
/// MiniGrad's quickstart the same as README.md's, and the API files of every library package in place.
/// </summary>
public partial class PackageReadmeTests
{
    /// <summary>The packable projects under src/, by PackageId, with their folders.</summary>
    private static Dictionary<string, string> Packages()
    {
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in Directory.EnumerateFiles(Path.Combine(Repository.Root(), "src"), "*.csproj", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(project);
            if (!text.Contains("<IsPackable>true</IsPackable>", StringComparison.Ordinal)) continue;
            var id = PackageId().Match(text);
            Assert.True(id.Success, $"{project} is packable but names no PackageId");
            packages.Add(id.Groups[1].Value, Path.GetDirectoryName(project)!);
        }
        return packages;
    }

    private static string ReadmeFolder => Path.Combine(Repository.Root(), "docs", "packages");

    [Fact]
    public void EveryPackageHasItsReadmeAndEveryReadmeItsPackage()
    {
        var ids = Packages().Keys.Order(StringComparer.Ordinal).ToList();
        var readmes = Directory.EnumerateFiles(ReadmeFolder, "*.md").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("MiniGrad", ids);
        Assert.Contains("MiniGrad.Cli", ids);
        Assert.Equal(ids, readmes);
    }

    [Fact]
    public void PackageReadmesLinkNothingRelative()
    {
        var relative = new List<string>();
        foreach (var file in Directory.EnumerateFiles(ReadmeFolder, "*.md"))
        {
            string text = File.ReadAllText(file);
            foreach (Match m in LinkOrImage().Matches(text))
            {
                string target = m.Groups["target"].Value;
                if (!target.StartsWith("https://", StringComparison.Ordinal) && !target.StartsWith("http://", StringComparison.Ordinal))
                    relative.Add($"{Path.GetFileName(file)}: {target}");
            }
        }
        Assert.True(relative.Count == 0, "package READMEs are read on nuget.org, where these do not resolve:\n" + string.Join("\n", relative));
    }

    [Fact]
    public void TheCheckOfRelativeLinksFindsThem()
    {
        var found = LinkOrImage().Matches("see [the docs](docs/cli.md) and ![a picture](images/a.svg) or <img src=\"b.png\">")
            .Select(m => m.Groups["target"].Value);
        Assert.Equal(["docs/cli.md", "images/a.svg", "b.png"], found);
    }

    [Fact]
    public void MiniGradPackageQuickstartIsReadmes()
    {
        var readme = Quickstart("README.md");
        var package = Quickstart("docs/packages/MiniGrad.md");
        Assert.Equal(readme.Lines, package.Lines);
        Assert.NotNull(readme.Output);
        Assert.Equal(readme.Output.Lines, package.Output?.Lines);
    }

    [Fact]
    public void EveryLibraryPackageKeepsItsPublicApi()
    {
        foreach (var (id, folder) in Packages())
        {
            bool tool = File.ReadAllText(Path.Combine(folder, Path.GetFileName(folder) + ".csproj")).Contains("<PackAsTool>true</PackAsTool>", StringComparison.Ordinal);
            string shipped = Path.Combine(folder, "PublicAPI.Shipped.txt"), unshipped = Path.Combine(folder, "PublicAPI.Unshipped.txt");
            if (tool)
            {
                Assert.False(File.Exists(shipped), $"{id} is a tool, whose surface is its command line: it keeps no API file");
                continue;
            }
            Assert.True(File.Exists(shipped) && File.Exists(unshipped), $"{id} has no PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt");
            var lines = File.ReadAllLines(shipped);
            Assert.Equal("#nullable enable", lines[0]);
            Assert.Contains(lines, l => l.StartsWith(id + ".", StringComparison.Ordinal));
        }
    }

    /// <summary>The first C# block after a page's "## Quickstart" heading.</summary>
    private static FencedBlock Quickstart(string page)
    {
        var lines = Markdown.ReadLines(page);
        int heading = Array.IndexOf(lines, "## Quickstart");
        Assert.True(heading >= 0, $"{page} has no ## Quickstart heading");
        return Markdown.Blocks(page).First(b => b.Language == "csharp" && b.FenceLine > heading);
    }

    [GeneratedRegex(@"<PackageId>([^<]+)</PackageId>")]
    private static partial Regex PackageId();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)|<img\s[^>]*src=""(?<target>[^""]+)""|href=""(?<target>[^""]+)""")]
    private static partial Regex LinkOrImage();
}
