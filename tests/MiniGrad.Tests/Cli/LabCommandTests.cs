using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using MiniGrad.Cli;

namespace MiniGrad.Tests.Cli;

/// <summary><c>minigrad lab</c>'s failures; its serving is tested through the lab itself (tests/MiniGrad.Tests/Lab).</summary>
public sealed class LabCommandTests
{
    [Fact]
    public void ATakenPortFailsWithOneLineAndExitCode1()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var output = new StringWriter();
        var error = new StringWriter();
        int code = MiniGradCommand.Create().Parse(["lab", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(Failure.RuntimeExitCode, code);
        Assert.Equal("", output.ToString()); // no URL printed for a server that is not there
        Assert.Equal($"minigrad lab: port {port} is taken (another lab, or another program, listens there); give another with --port.",
            error.ToString().TrimEnd('\n'));
    }
}
