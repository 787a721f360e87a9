using System.CommandLine;
using System.CommandLine.Invocation;

namespace MiniGrad.Cli;

/// <summary>
/// The action of every minigrad command: usage errors first (<see cref="UsageProblems"/>), then the command's work,
/// with every failure ending through <see cref="Failure"/>: one line on stderr, exit code 2 for usage, 1 otherwise.
/// </summary>
/// <remarks>
/// The action takes the parse errors itself (<see cref="ClearsParseErrors"/>): System.CommandLine's own error action
/// prints every error, then the whole help, and exits with 1. Taking them also clears the errors it attaches to the
/// command itself (unknown options and extra arguments), so <see cref="UsageProblems"/> reads those from the unmatched
/// tokens.
/// </remarks>
internal sealed class CliAction(Func<ParseResult, int> run) : SynchronousCommandLineAction
{
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        if (UsageProblems.First(parseResult) is { } problem) return Failure.Usage(parseResult, problem);
        try
        {
            return run(parseResult);
        }
        catch (UsageException e)
        {
            return Failure.Usage(parseResult, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure.Runtime(parseResult, e);
        }
    }
}
