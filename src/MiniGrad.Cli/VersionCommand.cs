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
            output.WriteLine($"MiniGrad {Version}");
            output.WriteLine($"Vector512: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, " +
                             $"Vector256: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The library's informational version (<c>0.1.0+commit</c>), the same string <c>minigrad --version</c> prints for
    /// the command, since every project takes its version from Directory.Build.props.
    /// </summary>
    public static string Version =>
        typeof(Tensor<float>).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), inherit: false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>()
            .Single().InformationalVersion;
}
