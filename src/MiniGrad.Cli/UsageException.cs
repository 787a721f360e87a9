namespace MiniGrad.Cli;

/// <summary>
/// A usage error found after parsing, by a check that needs several options at once (an activation that does not
/// fit the chosen layers, say). <see cref="CliAction"/> reports it as <see cref="Failure.Usage"/> does a parse error.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
