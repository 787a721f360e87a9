using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MiniGrad.Lab;

/// <summary>
/// The lab's web server: the page (embedded in this assembly) and the JSON API the page calls, all on 127.0.0.1.
/// </summary>
/// <remarks>
/// <para>API: <c>GET /api/options</c>; <c>POST /api/sessions</c> (settings) → the first frame; <c>POST
/// /api/sessions/{id}/play|pause|step</c>; <c>POST /api/sessions/{id}/reset</c> (settings); <c>GET
/// /api/sessions/{id}/frame</c>; <c>GET /api/sessions/{id}/stream</c> (Server-Sent Events: one frame per event,
/// training while playing; closing it ends the session); <c>GET /api/sessions/{id}/backprop?sample=i</c>;
/// <c>DELETE /api/sessions/{id}</c>; <c>GET /api/activations</c>; <c>GET
/// /api/activations/{name}/curve?from=-4&amp;to=4&amp;points=161</c> (<see cref="ActivationCurveView"/>); <c>GET
/// /api/activations/{name}/at?x=0.5</c> (<see cref="ActivationPoint"/>).</para>
/// <para>A bad request gets 400 (404 for an unknown session) and <c>{"error": "..."}</c>, one sentence the page shows.</para>
/// </remarks>
public static class LabServer
{
    /// <summary>The port <c>minigrad lab</c> uses when none is given.</summary>
    public const int DefaultPort = 5175;

    /// <summary>The most frames per second a stream sends while training.</summary>
    public const int MaxFramesPerSecond = 60;

    /// <summary>The address of the page on <paramref name="port"/>.</summary>
    public static string Url(int port) => $"http://127.0.0.1:{port}/";

    /// <summary>A server for 127.0.0.1:<paramref name="port"/>, ready to run; 0 picks a free port.</summary>
    public static WebApplication Create(int port, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(args ?? []);
        builder.WebHost.UseUrls(Url(port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A port that is taken is reported once, by whoever starts the server (minigrad lab: one line), not as the
        // host's logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddSingleton<SessionStore>();
        // Malformed JSON then throws (caught in Map and answered in the API's shape) rather than giving a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        var app = builder.Build();
        Map(app);
        return app;
    }

    private static IResult Error(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error = message }, statusCode: status);

    private static IResult Unknown(string id) =>
        Error($"no session '{id}': it ended (its tab closed or the server restarted); reload the page.", StatusCodes.Status404NotFound);

    private static void Map(WebApplication app)
    {
        // Malformed JSON and wrong types reach here as BadHttpRequestException: answer in the API's own shape.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                string reason = e.InnerException is JsonException j ? $"the settings are not valid JSON of the right types ({j.Message})" : e.Message;
                await context.Response.WriteAsJsonAsync(new { error = reason });
            }
        });

        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/{file}", (string file) => Asset(file));

        app.MapGet("/api/options", () => Results.Json(new
        {
            datasets = PlaygroundSettings.Datasets,
            activations = PlaygroundSettings.Activations,
            optimizers = PlaygroundSettings.Optimizers,
            maxLayers = PlaygroundSettings.MaxLayers,
            maxUnits = PlaygroundSettings.MaxUnits,
            defaults = new PlaygroundSettings(),
        }));

        app.MapPost("/api/sessions", (PlaygroundSettings? settings, SessionStore store) =>
        {
            if (settings is null) return Error("send the settings as a JSON object (an empty object {} takes every default).");
            try
            {
                return Results.Json(store.Create(settings).Frame());
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return Error(Reason(e));
            }
        });

        app.MapPost("/api/sessions/{id}/reset", (string id, PlaygroundSettings? settings, SessionStore store) =>
        {
            if (store.Find(id) is not { } session) return Unknown(id);
            try
            {
                session.Reset(settings ?? session.Settings);
                return Results.Json(session.Frame());
            }
            catch (ArgumentException e)
            {
                return Error(Reason(e));
            }
        });

        app.MapPost("/api/sessions/{id}/step", (string id, SessionStore store) =>
        {
            if (store.Find(id) is not { } session) return Unknown(id);
            session.Playing = false;
            session.TrainEpoch();
            return Results.Json(session.Frame());
        });

        app.MapPost("/api/sessions/{id}/play", (string id, SessionStore store) => SetPlaying(id, store, true));
        app.MapPost("/api/sessions/{id}/pause", (string id, SessionStore store) => SetPlaying(id, store, false));

        app.MapGet("/api/sessions/{id}/frame", (string id, SessionStore store) =>
            store.Find(id) is { } session ? Results.Json(session.Frame()) : Unknown(id));

        app.MapDelete("/api/sessions/{id}", (string id, SessionStore store) =>
            store.Remove(id) ? Results.NoContent() : Unknown(id));

        app.MapGet("/api/sessions/{id}/backprop", (string id, int? sample, SessionStore store) =>
        {
            if (store.Find(id) is not { } session) return Unknown(id);
            try
            {
                return Results.Json(session.Backprop(sample ?? 0));
            }
            catch (ArgumentOutOfRangeException e)
            {
                return Error(Reason(e));
            }
        });

        app.MapGet("/api/sessions/{id}/stream", Stream);

        app.MapGet("/api/activations", () => Results.Json(new { activations = ActivationExplorer.Names }));

        app.MapGet("/api/activations/{name}/curve", (string name, string? from, string? to, string? points) =>
        {
            var parsed = new[] { Number("from", from, -4), Number("to", to, 4), Number("points", points, 161) };
            if (parsed.FirstOrDefault(p => p.Problem is not null).Problem is { } bad) return Error(bad);
            double n = parsed[2].Value;
            if (n != Math.Floor(n) || n < 2 || n > ActivationExplorer.MaxPoints)
                return Error($"points must be a whole number between 2 and {ActivationExplorer.MaxPoints}, got {points}.");
            return ActivationExplorer.Problem(name, parsed[0].Value, parsed[1].Value, (int)n) is { } problem
                ? Error(problem) : Results.Json(ActivationExplorer.Curve(name, parsed[0].Value, parsed[1].Value, (int)n));
        });

        app.MapGet("/api/activations/{name}/at", (string name, string? x) =>
        {
            if (x is null) return Error("give the point as ?x=, a number such as 0.5.");
            var (v, bad) = Number("x", x, 0);
            if (bad is not null) return Error(bad);
            return ActivationExplorer.Problem(name, v) is { } problem ? Error(problem) : Results.Json(ActivationExplorer.At(name, v));
        });
    }

    // A query parameter as a number (invariant culture), its default when absent, or the sentence that says what is wrong.
    private static (double Value, string? Problem) Number(string what, string? text, double fallback) =>
        text is null ? (fallback, null)
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v)
            ? (v, null)
            : (double.NaN, $"{what} must be a number such as 0.5, got '{text}'.");

    private static IResult SetPlaying(string id, SessionStore store, bool playing)
    {
        if (store.Find(id) is not { } session) return Unknown(id);
        session.Playing = playing;
        return Results.Json(new { playing });
    }

    // One frame per event; while playing, one epoch per frame. The stream is the session's life: when the tab closes
    // (or the connection drops) the loop ends and so does the session, so nothing trains for nobody.
    private static async Task Stream(string id, HttpContext context, SessionStore store)
    {
        if (store.Find(id) is not { } session)
        {
            await Unknown(id).ExecuteAsync(context);
            return;
        }
        var ct = context.RequestAborted;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var json = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value.SerializerOptions;
        long sent = -1;
        var pace = TimeSpan.FromSeconds(1.0 / MaxFramesPerSecond);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var started = DateTime.UtcNow;
                bool playing = session.Playing;
                if (playing) session.TrainEpoch();
                if (session.Version != sent || playing)
                {
                    sent = session.Version;
                    // Serialized straight into the response: no string of the frame is built.
                    var frame = session.Frame();
                    await context.Response.Body.WriteAsync("data: "u8.ToArray(), ct);
                    await JsonSerializer.SerializeAsync(context.Response.Body, frame, json, ct);
                    await context.Response.Body.WriteAsync("\n\n"u8.ToArray(), ct);
                    await context.Response.Body.FlushAsync(ct);
                }
                var left = pace - (DateTime.UtcNow - started);
                await Task.Delay(playing ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : TimeSpan.FromMilliseconds(50), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The tab closed.
        }
        finally
        {
            store.Remove(id);
        }
    }

    private static string Reason(Exception e) =>
        e is ArgumentException { ParamName: { } p } ? e.Message.Replace($" (Parameter '{p}')", "").Split(Environment.NewLine)[0] : e.Message;

    private static IResult Asset(string file)
    {
        var stream = typeof(LabServer).Assembly.GetManifestResourceStream("MiniGrad.Lab.wwwroot." + file);
        if (stream is null) return Error($"no page file '{file}'.", StatusCodes.Status404NotFound);
        string type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
