using Spectre.Console;

namespace MiniGrad.Cli;

/// <summary>Spectre.Console tables as plain text (no colours, no ANSI codes), for redirected or captured output.</summary>
internal static class PlainConsole
{
    /// <summary>A console writing to <paramref name="output"/>, laid out <paramref name="width"/> columns wide.</summary>
    public static IAnsiConsole Create(TextWriter output, int width = 100)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return console;
    }
}
