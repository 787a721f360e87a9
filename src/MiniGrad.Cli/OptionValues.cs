using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace MiniGrad.Cli;

/// <summary>
/// Parsers for option and argument values that say, when they refuse a value, which option it was, what it got and
/// what it accepts, in one line: <c>--epochs must be a whole number of at least 1, got 'abc'.</c> (System.CommandLine's
/// own messages name .NET types, or list the accepted values on several lines.)
/// </summary>
internal static class OptionValues
{
    // What each option or argument accepts, for the errors that come before its parser runs (a missing value).
    // System.CommandLine's symbols have no place for it; a weak table lets the symbols die with their command.
    private static readonly ConditionalWeakTable<Symbol, string> Accepted = new();

    /// <summary>Turns a value's text into the value, or refuses it (returns false).</summary>
    public delegate bool Reader<T>(string text, out T value);

    /// <summary>What <paramref name="symbol"/> accepts ("a whole number of at least 1"), if a parser of this class reads it.</summary>
    public static string? AcceptedBy(Symbol symbol) => Accepted.TryGetValue(symbol, out var accepts) ? accepts : null;

    /// <summary>Records what <paramref name="symbol"/> accepts, for a symbol whose parser is written by hand.</summary>
    public static void Describe(Symbol symbol, string accepts) => Accepted.AddOrUpdate(symbol, accepts);

    /// <summary>The one-line error for a refused value.</summary>
    /// <param name="what">The option (<c>--epochs</c>) or the argument (<c>the example</c>).</param>
    /// <param name="accepts">What it accepts, as a phrase ("one of adam, adamw, sgd").</param>
    /// <param name="value">The refused text.</param>
    /// <param name="why">Why, when the phrase alone does not make it plain; null for nothing more.</param>
    public static string Mismatch(string what, string accepts, string value, string? why = null) =>
        $"{what} must be {accepts}, got '{value}'{(why is null ? "" : $" ({why})")}.";

    /// <summary>Reads <paramref name="option"/>'s value with <paramref name="read"/>; a refusal is a <see cref="Mismatch"/> error.</summary>
    /// <param name="option">The option.</param>
    /// <param name="accepts">What it accepts, as a phrase.</param>
    /// <param name="read">The reader.</param>
    /// <param name="whenGivenAlone">The value of the option given without a value (a flag's true).</param>
    public static Option<T> Accepting<T>(this Option<T> option, string accepts, Reader<T> read, T whenGivenAlone = default!)
    {
        Accepted.AddOrUpdate(option, accepts);
        option.CustomParser = Parser(option.Name, accepts, read, whenGivenAlone);
        return option;
    }

    /// <summary>Reads <paramref name="argument"/>'s value with <paramref name="read"/>; a refusal is a <see cref="Mismatch"/> error naming <paramref name="what"/>.</summary>
    public static Argument<T> Accepting<T>(this Argument<T> argument, string what, string accepts, Reader<T> read)
    {
        Accepted.AddOrUpdate(argument, accepts);
        argument.CustomParser = Parser(what, accepts, read, default!);
        return argument;
    }

    private static Func<ArgumentResult, T?> Parser<T>(string what, string accepts, Reader<T> read, T whenGivenAlone) => result =>
    {
        // No token: the option given alone (a flag), or an optional argument not given. More than one is an arity
        // error, reported before a parser runs.
        if (result.Tokens.Count != 1) return whenGivenAlone;
        string text = result.Tokens[0].Value;
        if (read(text, out var value)) return value;
        result.AddError(Mismatch(what, accepts, text));
        return default;
    };

    /// <summary>A whole number of at least <paramref name="atLeast"/>.</summary>
    public static Option<int> WholeNumber(this Option<int> option, int atLeast) =>
        option.Accepting($"a whole number of at least {atLeast}", (string text, out int value) => ReadWhole(text, atLeast, out value));

    /// <summary>A whole number of at least <paramref name="atLeast"/>; not given, null.</summary>
    public static Option<int?> WholeNumber(this Option<int?> option, int atLeast) =>
        option.Accepting($"a whole number of at least {atLeast}", (string text, out int? value) =>
        {
            bool ok = ReadWhole(text, atLeast, out int v);
            value = ok ? v : null;
            return ok;
        });

    /// <summary>A whole number from 0 up (a seed).</summary>
    public static Option<ulong> WholeNumber(this Option<ulong> option) =>
        option.Accepting($"a whole number from 0 to {ulong.MaxValue}",
            (string text, out ulong value) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value));

    /// <summary>A finite number above 0.</summary>
    public static Option<double> PositiveNumber(this Option<double> option) =>
        option.Accepting("a positive number", (string text, out double value) => ReadPositive(text, out value));

    /// <summary>A finite number above 0; not given, null.</summary>
    public static Option<double?> PositiveNumber(this Option<double?> option) =>
        option.Accepting("a positive number", (string text, out double? value) =>
        {
            bool ok = ReadPositive(text, out double v);
            value = ok ? v : null;
            return ok;
        });

    /// <summary>
    /// One of <paramref name="names"/>, in any case; <paramref name="isName"/> widens the match (other spellings of
    /// one name). The value is the text as given.
    /// </summary>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyList<string> names, Func<string, bool>? isName = null)
    {
        option.CompletionSources.Add(names.ToArray());
        return option.Accepting<string>($"one of {string.Join(", ", names)}", (string text, out string value) =>
        {
            value = text;
            return isName?.Invoke(text) ?? names.Contains(text, StringComparer.OrdinalIgnoreCase);
        });
    }

    /// <summary>The name of one of <typeparamref name="T"/>'s values, in any case (not its number); not given, null.</summary>
    public static Option<T?> OneOf<T>(this Option<T?> option)
        where T : struct, Enum
    {
        string[] names = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
        // Help shows the names as they are typed, not as the enum spells them.
        option.HelpName = string.Join('|', names);
        return option.Accepting<T?>($"one of {string.Join(", ", names)}", (string text, out T? value) =>
        {
            value = null;
            // Enum.TryParse alone would take "1" or "7" (a number outside the enum) as well.
            if (!names.Contains(text, StringComparer.OrdinalIgnoreCase) || !Enum.TryParse(text, ignoreCase: true, out T parsed)) return false;
            value = parsed;
            return true;
        });
    }

    /// <summary>A flag: given alone it is true; it also takes true or false.</summary>
    public static Option<bool> Flag(this Option<bool> option) =>
        option.Accepting("true or false (or nothing, for true)", (string text, out bool value) => bool.TryParse(text, out value), whenGivenAlone: true);

    /// <summary>A file that exists (a directory is not one).</summary>
    public static Option<string> ExistingFile(this Option<string> option) =>
        option.Accepting<string>("an existing file", (string text, out string value) =>
        {
            value = text;
            return !string.IsNullOrWhiteSpace(text) && File.Exists(text);
        });

    /// <summary>A number above <paramref name="above"/> and below <paramref name="below"/>; not given, null.</summary>
    public static Option<double?> NumberBetween(this Option<double?> option, double above, double below) =>
        option.Accepting(string.Create(CultureInfo.InvariantCulture, $"a number above {above} and below {below}"), (string text, out double? value) =>
        {
            bool ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > above && v < below;
            value = ok ? v : null;
            return ok;
        });

    /// <summary>A file to write, in a directory that exists (so the work is not done in vain).</summary>
    public static Option<string> FileToWrite(this Option<string> option) =>
        option.Accepting<string>("a file in an existing directory", (string text, out string value) => ReadFileToWrite(text, out value));

    private static bool ReadWhole(string text, int atLeast, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= atLeast;

    private static bool ReadPositive(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && double.IsFinite(value);

    private static bool ReadFileToWrite(string text, out string value)
    {
        value = text;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(text)) is { } dir && Directory.Exists(dir) && !Directory.Exists(text);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false; // not a path at all
        }
    }
}
