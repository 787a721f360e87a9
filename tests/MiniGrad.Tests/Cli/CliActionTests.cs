using System.CommandLine;
using MiniGrad.Cli;

namespace MiniGrad.Tests.Cli;

/// <summary>How a command that fails at work ends: one line on stderr, a non-zero exit code, never a stack trace.</summary>
public class CliActionTests
{
    private static (int Code, string Err) Run(Func<ParseResult, int> work)
    {
        var root = new RootCommand("test");
        var command = new Command("work") { Action = new CliAction(work) };
        root.Subcommands.Add(command);
        var error = new StringWriter();
        int code = root.Parse(["work"]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        return (code, error.ToString());
    }

    [Fact]
    public void AFileSystemErrorIsOneLineAndExitCode1()
    {
        var (code, error) = Run(_ => throw new IOException("No space left on device : '/tmp/a.svg'"));
        Assert.Equal(Failure.RuntimeExitCode, code);
        Assert.Equal("minigrad work: No space left on device : '/tmp/a.svg'" + Environment.NewLine, error);
    }

    [Fact]
    public void AnUnexpectedExceptionIsOneLineNamingItsKindWithoutAStackTrace()
    {
        var (code, error) = Run(_ => throw new InvalidOperationException("first line\n   at Somewhere.Deep()"));
        Assert.Equal(1, code);
        Assert.Equal("minigrad work: internal error (InvalidOperationException): first line at Somewhere.Deep()" + Environment.NewLine, error);
    }

    [Fact]
    public void AUsageExceptionIsExitCode2()
    {
        var (code, error) = Run(_ => throw new UsageException("give a name"));
        Assert.Equal(Failure.UsageExitCode, code);
        Assert.Equal("minigrad work: give a name" + Environment.NewLine, error);
    }

    [Fact]
    public void TheWorksExitCodeIsReturned()
    {
        Assert.Equal((0, ""), Run(_ => 0));
        Assert.Equal((1, ""), Run(_ => 1)); // a gradient check that fails: no message from the action
    }
}
