namespace MiniGrad.Lab;

/// <summary>
/// The lab as a program of its own (<c>dotnet run --project src/MiniGrad.Lab -- [port]</c>); <c>minigrad lab</c> is
/// the usual way. The tests host this entry point in-process with <c>WebApplicationFactory&lt;Program&gt;</c>.
/// </summary>
public partial class Program
{
    /// <summary>Serves the lab on 127.0.0.1 at the port given as the only argument (default <see cref="LabServer.DefaultPort"/>).</summary>
    public static void Main(string[] args)
    {
        int port = args.Length > 0 && int.TryParse(args[0], out int p) ? p : LabServer.DefaultPort;
        var app = LabServer.Create(port);
        Console.WriteLine($"MiniGrad Lab: {LabServer.Url(port)} (Ctrl+C stops it)");
        app.Run();
    }
}
