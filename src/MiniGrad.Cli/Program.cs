using System.CommandLine;
using MiniGrad.Cli;

// Each command lives in its own file and is registered here, one line each.
var root = new RootCommand("MiniGrad: train the tutorials' networks, check gradients, and look at backprop.");
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(GraphCommand.Create());
root.Subcommands.Add(GradCheckCommand.Create());
root.Subcommands.Add(PlotCommand.Create());
return root.Parse(args).Invoke();
