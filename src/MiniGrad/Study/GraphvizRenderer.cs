using System.Diagnostics;

namespace MiniGrad.Study;

/// <summary>Runs Graphviz's <c>dot</c> program, when it is installed, to turn DOT text into SVG (or another format).</summary>
public static class GraphvizRenderer
{
    /// <summary>How to get <c>dot</c> when it is missing.</summary>
    public const string InstallHint = "Graphviz's dot is not installed (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz)";

    /// <summary>The full path of the <c>dot</c> executable found on PATH, or null when Graphviz is not installed.</summary>
    public static string? FindDot()
    {
        string exe = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, exe);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Pipes <paramref name="dotText"/> through <c>dot -T<paramref name="format"/></c> and returns its exit code,
    /// output and error text.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>dot</c> is not installed.</exception>
    public static (int ExitCode, string Output, string Error) Run(string dotText, string format = "svg")
    {
        ArgumentNullException.ThrowIfNull(dotText);
        string dot = FindDot() ?? throw new InvalidOperationException(InstallHint + ".");
        var psi = new ProcessStartInfo(dot, ["-T" + format])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {dot}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dotText);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
