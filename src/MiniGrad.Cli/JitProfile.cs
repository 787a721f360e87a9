using System.Runtime;

namespace MiniGrad.Cli;

/// <summary>
/// .NET's multicore JIT for the minigrad command: each run records the methods it compiled, and the next run of the
/// same command compiles them again on a background thread ahead of the main one, in the order they were needed.
/// </summary>
/// <remarks>
/// <para>A minigrad process is short and most of its start is the JIT: a cold <c>minigrad train --task digits</c>
/// spent 110–150 ms of its 210 ms training loop compiling methods during the first step. In runs taking turns, its
/// loop took 0.16–0.20 s with the profile of the run before and 0.20–0.28 s without (docs/cli.md).</para>
/// <para>The profiles are a cache: one file per command (<c>train.jitprofile</c>, ...) under
/// <c>$XDG_CACHE_HOME/minigrad/jit</c> (else <c>~/.cache/minigrad/jit</c>; on Windows under the local application
/// data folder). A stale or missing profile only costs the speed-up; the runtime checks each one against the
/// assemblies it was recorded with. Nothing is recorded when the folder cannot be made or when
/// <c>MINIGRAD_JIT_PROFILE=off</c>, and the command runs the same either way.</para>
/// </remarks>
internal static class JitProfile
{
    /// <summary>The environment variable that turns profiles off when set to <c>off</c>.</summary>
    public const string Switch = "MINIGRAD_JIT_PROFILE";

    /// <summary>
    /// The commands that get a profile of their own, as <see cref="MiniGradCommand"/> registers them (a test keeps
    /// the two lists equal); any other first argument (a typo, <c>--help</c>) records nothing.
    /// </summary>
    public static readonly IReadOnlyList<string> Commands = ["version", "train", "predict", "export", "explain", "graph", "gradcheck", "plot", "lab"];

    /// <summary>Starts recording (and playing back the last recording of) the command <paramref name="args"/> names.</summary>
    public static void Start(string[] args)
    {
        if (args.Length == 0 || !Commands.Contains(args[0])) return;
        if (string.Equals(Environment.GetEnvironmentVariable(Switch), "off", StringComparison.OrdinalIgnoreCase)) return;
        if (Folder() is not { } folder) return;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return; // a cache that cannot be made is a run without the speed-up, not an error
        }
        ProfileOptimization.SetProfileRoot(folder);
        ProfileOptimization.StartProfile(args[0] + ".jitprofile");
    }

    /// <summary>Where the profiles live (see the remarks), or null when there is no home to put them in.</summary>
    public static string? Folder()
    {
        string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (OperatingSystem.IsWindows())
            cache = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        else if (string.IsNullOrEmpty(cache) || !Path.IsPathFullyQualified(cache)) // the XDG rule: a relative path is ignored
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            cache = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        }
        return string.IsNullOrEmpty(cache) ? null : Path.Combine(cache, "minigrad", "jit");
    }
}
