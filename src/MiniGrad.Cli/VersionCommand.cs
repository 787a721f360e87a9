using System.CommandLine;

namespace MiniGrad.Cli;

/// <summary><c>minigrad version</c>: the library version and the machine's vector support.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print MiniGrad's version and the SIMD width this machine offers.");
        command.Action = new CliAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var version = typeof(Tensor<float>).Assembly.GetName().Version;
            output.WriteLine($"MiniGrad {version}");
            output.WriteLine($"Vector512: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, " +
                             $"Vector256: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");
            return 0;
        });
        return command;
    }
}
