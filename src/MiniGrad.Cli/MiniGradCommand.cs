using System.CommandLine;

namespace MiniGrad.Cli;

/// <summary>The <c>minigrad</c> command line: the root and every command, each in its own file, registered here one line each.</summary>
internal static class MiniGradCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("MiniGrad: train the tutorials' networks, check gradients, and look at backprop.");
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(GradCheckCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(LabCommand.Create());
        // Without an action of its own the root would answer a missing or unknown command with every error and the
        // whole help; with one it fails as every command does (an unknown command is an unmatched token there).
        root.Action = new CliAction(_ => throw new UsageException($"give a command: {UsageProblems.Commands(root)}; minigrad --help describes them."));
        return root;
    }
}
