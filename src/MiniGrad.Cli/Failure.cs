using System.CommandLine;

namespace MiniGrad.Cli;

/// <summary>
/// How every command fails: one line on stderr, prefixed with the command (<c>minigrad plot activations: ...</c>),
/// and an exit code that says whose fault it was. Never a stack trace: a user cannot act on one.
/// </summary>
internal static class Failure
{
    /// <summary>The command line was wrong (an unknown option, a bad value, a missing argument); nothing was done.</summary>
    public const int UsageExitCode = 2;

    /// <summary>The command line was fine but the work failed (a file could not be written, say).</summary>
    public const int RuntimeExitCode = 1;

    /// <summary>Reports a usage error and returns <see cref="UsageExitCode"/>.</summary>
    public static int Usage(ParseResult parse, string message) => Report(parse, message, UsageExitCode);

    /// <summary>Reports a runtime error the command found itself and returns <see cref="RuntimeExitCode"/>.</summary>
    public static int Runtime(ParseResult parse, string message) => Report(parse, message, RuntimeExitCode);

    /// <summary>Reports an exception that ended the command's work and returns <see cref="RuntimeExitCode"/>.</summary>
    public static int Runtime(ParseResult parse, Exception exception)
    {
        // File system errors explain themselves; anything else is a bug of ours, and saying which kind helps a report.
        string message = exception is IOException or UnauthorizedAccessException
            ? exception.Message
            : $"internal error ({exception.GetType().Name}): {exception.Message}";
        return Report(parse, message, RuntimeExitCode);
    }

    /// <summary><c>minigrad</c> followed by the names of the commands on the way to the one that ran.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        // The root's own name is the executable's (testhost under a test runner): always say minigrad.
        for (var c = parse.CommandResult; c.Parent is System.CommandLine.Parsing.CommandResult parent; c = parent) names.Add(c.Command.Name);
        names.Add("minigrad");
        names.Reverse();
        return string.Join(' ', names);
    }

    private static int Report(ParseResult parse, string message, int code)
    {
        // One line, whatever the message: an exception's message may span several.
        string line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        parse.InvocationConfiguration.Error.WriteLine($"{CommandPath(parse)}: {line}");
        return code;
    }
}
