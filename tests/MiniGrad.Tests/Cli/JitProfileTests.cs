using MiniGrad.Cli;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Cli;

/// <summary>
/// The minigrad command's multicore JIT profiles (<see cref="JitProfile"/>): a run records one per command in the
/// cache folder, the next run plays it back and prints what a run without one prints, and a folder that cannot be
/// made or <c>MINIGRAD_JIT_PROFILE=off</c> leaves the command working and records nothing.
/// </summary>
public sealed class JitProfileTests() : TempFolderTest("minigrad-jit-profile-")
{
    private ProcessResult Train(string cacheHome, string? profileSwitch = null)
    {
        var environment = new Dictionary<string, string> { ["CI"] = "true", ["XDG_CACHE_HOME"] = cacheHome };
        if (profileSwitch is not null) environment[JitProfile.Switch] = profileSwitch;
        var result = ChildProcess.RunDotnet("MiniGrad.Cli.dll", ["train", "--task", "iris", "--epochs", "2"], Folder, environment);
        Assert.True(result.ExitCode == 0, $"train exited {result.ExitCode}: {result.Stderr}");
        Assert.Equal("", result.Stderr);
        return result;
    }

    /// <summary>The output without the line that times the loop.</summary>
    private static string[] Untimed(ProcessResult result) =>
        result.Stdout.Split('\n').Where(l => !l.StartsWith("Time:", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void EveryCommandHasItsProfileNameAndNothingElseDoes()
    {
        var registered = MiniGradCommand.Create().Subcommands.Select(c => c.Name).Order();
        Assert.Equal(registered, JitProfile.Commands.Order());
    }

    [Fact]
    public void ARunRecordsTheCommandsProfileAndTheNextRunPlaysItBackWithTheSameOutput()
    {
        string cache = At("cache");
        var first = Train(cache);
        string profile = Path.Combine(cache, "minigrad", "jit", "train.jitprofile");
        Assert.True(File.Exists(profile), $"no profile at {profile}");
        Assert.True(new FileInfo(profile).Length > 0);
        var second = Train(cache);
        Assert.Equal(Untimed(first), Untimed(second));
        Assert.Contains(Untimed(first), l => l.StartsWith("Epoch 2/2", StringComparison.Ordinal));
    }

    [Fact]
    public void OffRecordsNothing()
    {
        string cache = At("cache-off");
        Train(cache, "off");
        Assert.False(Directory.Exists(Path.Combine(cache, "minigrad")));
    }

    [Fact]
    public void ACacheFolderThatCannotBeMadeLeavesTheCommandWorking()
    {
        string notAFolder = At("a-file");
        File.WriteAllText(notAFolder, "in the way");
        var result = Train(notAFolder);
        Assert.Contains("Epoch 2/2", result.Stdout);
        Assert.Equal("in the way", File.ReadAllText(notAFolder));
    }
}
