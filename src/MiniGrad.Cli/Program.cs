using MiniGrad.Cli;

// First, so that the methods the command line itself needs are compiled ahead too.
JitProfile.Start(args);
return MiniGradCommand.Create().Parse(args).Invoke();
