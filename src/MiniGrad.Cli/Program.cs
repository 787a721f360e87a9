using MiniGrad.Cli;

return MiniGradCommand.Create().Parse(args).Invoke();
