using System.CommandLine;
using MiniGrad.Cli;

namespace MiniGrad.Tests.Cli;

/// <summary>Runs the <c>minigrad</c> command in this process, as the tests of the CLI do, capturing what it writes.</summary>
internal static class CliRun
{
    /// <summary>The exit code and what <c>minigrad <paramref name="args"/></c> wrote to standard output and error.</summary>
    public static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = MiniGradCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
