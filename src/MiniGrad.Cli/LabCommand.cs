using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using MiniGrad.Lab;

namespace MiniGrad.Cli;

/// <summary><c>minigrad lab</c>: serves MiniGrad Lab (src/MiniGrad.Lab) on 127.0.0.1 until Ctrl+C.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The port to listen on (127.0.0.1 only).", DefaultValueFactory = _ => LabServer.DefaultPort }.WholeNumber(atLeast: 1);
        var open = new Option<bool>("--open") { Description = "Open the page in the default browser." };
        var command = new Command("lab", "Serve MiniGrad Lab, a page that trains networks and steps through backprop in your browser, on 127.0.0.1 until Ctrl+C.");
        command.Options.Add(port);
        command.Options.Add(open);
        command.Action = new CliAction(parse =>
        {
            int p = parse.GetValue(port);
            if (p > 65535) throw new UsageException($"--port must be a whole number from 1 to 65535, got '{p}'.");
            var output = parse.InvocationConfiguration.Output;
            using var app = LabServer.Create(p);
            try
            {
                app.Start();
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                throw new IOException($"port {p} is taken (another lab, or another program, listens there); give another with --port.", e);
            }
            string url = LabServer.Url(p);
            output.WriteLine($"MiniGrad Lab: {url} (Ctrl+C stops it)");
            if (parse.GetValue(open))
            {
                try
                {
                    Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
                }
                catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
                {
                    output.WriteLine($"could not open a browser ({e.Message}); open {url} yourself.");
                }
            }
            app.WaitForShutdown(); // Ctrl+C (SIGINT) or SIGTERM ends it
            return 0;
        });
        return command;
    }
}
