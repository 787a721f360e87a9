using System.CommandLine;
using System.CommandLine.Parsing;

namespace MiniGrad.Cli;

/// <summary>The first thing wrong with a command line, as one line for the user, or null when nothing is.</summary>
internal static class UsageProblems
{
    /// <summary>
    /// The first parse error (bad values are worded by <see cref="OptionValues"/>' parsers; a missing or repeated
    /// value is worded here from the parse tree), else the first token no option or argument took.
    /// </summary>
    public static string? First(ParseResult parse)
    {
        if (parse.Errors.Count > 0) return Describe(parse.Errors[0]);
        if (parse.UnmatchedTokens.Count > 0) return Unmatched(parse.CommandResult, parse.UnmatchedTokens[0]);
        return null;
    }

    private static string Describe(ParseError error)
    {
        // A command's argument takes any token, an unknown option too: say that rather than that it is a bad value.
        if (error.SymbolResult is ArgumentResult { Parent: CommandResult command, Tokens: [var token] } && token.Value.StartsWith('-'))
            return Unmatched(command, token.Value);
        if (error.SymbolResult is OptionResult { Option: var option } result)
        {
            string accepted = OptionValues.AcceptedBy(option) is { } a ? $": {a}" : "";
            if (result.Tokens.Count == 0 && option.Arity.MinimumNumberOfValues > 0)
                return $"{option.Name} needs a value{accepted}.";
            if (result.Tokens.Count > option.Arity.MaximumNumberOfValues)
                return $"{option.Name} takes one value, got {result.Tokens.Count} ({string.Join(", ", result.Tokens.Select(t => $"'{t.Value}'"))}); give it once.";
        }
        return error.Message;
    }

    private static string Unmatched(CommandResult result, string token)
    {
        var command = result.Command;
        // The root's own name is the executable's (testhost under a test runner).
        string name = result.Parent is null ? "minigrad" : command.Name;
        if (token.StartsWith('-'))
            return $"unknown option '{token}'; the options of {name} are {string.Join(", ", OptionsOf(result).Select(o => o.Name))}.";
        if (command.Subcommands.Count > 0)
            return $"unknown command '{token}'; the commands are {Commands(command)}.";
        if (command.Arguments.Count == 0)
            return $"unexpected argument '{token}'; {name} takes no arguments.";
        var argument = command.Arguments[^1];
        string accepted = OptionValues.AcceptedBy(argument) is { } a ? $" ({a})" : "";
        return $"unexpected argument '{token}'; {name} takes one {argument.Name}{accepted}.";
    }

    /// <summary>The command's own options, then those its ancestors share with it (--help).</summary>
    private static IEnumerable<Option> OptionsOf(CommandResult result)
    {
        var own = result.Command.Options.Where(o => !o.Hidden);
        var shared = new List<Option>();
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            shared.AddRange(parent.Command.Options.Where(o => o.Recursive && !o.Hidden));
        return own.Concat(shared).DistinctBy(o => o.Name);
    }

    /// <summary>The subcommands of <paramref name="command"/>, for a message.</summary>
    public static string Commands(Command command) => string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
}
