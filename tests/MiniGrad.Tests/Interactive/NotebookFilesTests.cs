using System.Text.Json;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Interactive;

/// <summary>
/// The notebooks as files: CI runs them (notebooks/run.sh from .ci/run); these checks keep them runnable by that
/// script, cleared in git and linked from the README.
/// </summary>
public class NotebookFilesTests
{
    private static readonly string Folder = Path.Combine(Repository.Root(), "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(Repository.Root(), "notebooks"), "*.ipynb").Order()) data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void TheFourTutorialNotebooksAreThere()
    {
        Assert.Equal(
            ["01-activation-functions.ipynb", "02-network-with-and-without-activations.ipynb", "03-tutorial-003-training.ipynb", "04-micrograd-scalar-walkthrough.ipynb"],
            Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileName).Order());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void NotebookIsCSharpClearedAndLoadsTheFreshPackages(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name)));
        var root = doc.RootElement;
        Assert.Equal(".net-csharp", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        var code = root.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToList();
        Assert.NotEmpty(code);
        Assert.All(code, c =>
        {
            Assert.Equal(0, c.GetProperty("outputs").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("execution_count").ValueKind);
        });
        // run.sh rewrites these two lines to the packages it has just built; without them a notebook would test nothing.
        var lines = code.SelectMany(c => c.GetProperty("source").EnumerateArray().Select(l => l.GetString()!.TrimEnd())).ToList();
        Assert.Contains(lines, l => l.StartsWith("#i \"nuget: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("#r \"nuget: MiniGrad.Interactive, ", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadmeLinksEveryNotebookAndCiRunsThem()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root(), "README.md"));
        foreach (string path in Directory.GetFiles(Folder, "*.ipynb"))
            Assert.Contains("](notebooks/" + Path.GetFileName(path) + ")", readme, StringComparison.Ordinal);
        Assert.Contains("](docs/notebooks.md)", readme, StringComparison.Ordinal);
        Assert.Contains("bash notebooks/run.sh", File.ReadAllText(Path.Combine(Repository.Root(), ".ci", "run")), StringComparison.Ordinal);
    }
}
