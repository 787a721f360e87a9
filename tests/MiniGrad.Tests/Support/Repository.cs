namespace MiniGrad.Tests.Support;

/// <summary>Paths in the source tree, for tests that read the README or example sources.</summary>
public static class Repository
{
    /// <summary>The folder holding MiniGrad.sln, found by walking up from the test binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MiniGrad.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No MiniGrad.sln above {AppContext.BaseDirectory}.");
    }
}
