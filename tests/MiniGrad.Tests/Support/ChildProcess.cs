using System.Diagnostics;
using System.Text;

namespace MiniGrad.Tests.Support;

/// <summary>What a finished child process gave back.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs a program for a test (the CLI, an example, a Python script) and collects its output: both streams are read
/// at once, so a child that fills one pipe while the test waits on the other cannot hang the run.
/// </summary>
public static class ChildProcess
{
    /// <summary>The dotnet host running these tests (testhost runs under it), else the one on PATH.</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/>; fails the test when it runs longer than
    /// <paramref name="timeout"/> (default two minutes).
    /// </summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} ran for more than {limit.TotalMinutes:0.#} minutes.");
        }
        return new ProcessResult(process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Runs <c>dotnet ASSEMBLY arguments</c> for an assembly next to the test binaries (the CLI, an example).</summary>
    public static ProcessResult RunDotnet(string assembly, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        Run(DotnetHost, [Path.Combine(AppContext.BaseDirectory, assembly), .. arguments], workingDirectory, environment, timeout);
}
