using Spectre.Console;

namespace MiniGrad.Tests.Support;

/// <summary>An interactive Spectre console without colours that draws into a string, for the CLI's terminal tests.</summary>
public static class RecordingTerminal
{
    /// <summary>A console that takes itself for a terminal and writes everything it draws to <paramref name="screen"/>.</summary>
    public static IAnsiConsole Create(StringWriter screen) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(screen),
    });
}
