using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using MiniGrad.Lab;
using MiniGrad.Tests.Support;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Lab;

/// <summary>
/// The lab's page in a real browser: Debian's Chromium (/usr/bin/chromium) driven by Playwright, against a lab
/// server on a free port of 127.0.0.1. Without Chromium the test writes that it skipped and returns. It writes the
/// screenshots the README and docs/lab.md show (docs/images/lab-*.png). It counts pictures per second, so it runs
/// alone, after the tests that run in parallel (<see cref="LabBrowserCollection"/>).
/// </summary>
[Collection(nameof(LabBrowserTests))]
public sealed class LabBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task PlayTrainsXorLiveAndTheBackpropViewStepsThroughMiniGradsOwnTape()
    {
        await using var lab = await OpenLab.StartAsync(output, new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        if (lab is null) return;
        var (page, url, errors) = (lab.Page, lab.Url, lab.Errors);
        await page.WaitForFunctionAsync("() => document.getElementById('train-loss').textContent !== '-'");

        // Play: the default run is xor with a 2-8-8-1 tanh network. Count the pictures drawn in three windows of two
        // seconds each, after a second of warm-up (the server's JIT), with the time the page spends drawing; the best
        // window is judged, as benchmarks judge their best run: a pause of the whole machine (another process, a
        // collection) in one window says nothing about the lab, a lab that cannot keep up fails all three.
        await page.ClickAsync("#play");
        var windows = await page.EvaluateAsync<double[][]>("""
            () => new Promise(resolve => setTimeout(() => {
              const original = source.onmessage, results = [];
              let start = performance.now(), n = 0, busy = 0;
              source.onmessage = e => { const t = performance.now(); n++; original(e); busy += performance.now() - t; };
              const lap = () => {
                const now = performance.now();
                results.push([n / ((now - start) / 1000), busy / Math.max(1, n)]);
                start = now; n = 0; busy = 0;
                if (results.length < 3) setTimeout(lap, 2000); else { source.onmessage = original; resolve(results); }
              };
              setTimeout(lap, 2000);
            }, 1000))
            """);
        foreach (var w in windows)
            output.WriteLine($"{w[0]:F1} picture updates per second, drawing took {w[1]:F1} ms per picture");
        double fps = windows.Max(w => w[0]);
        // The bar is the issue's: 30 pictures a second. The server trains and draws on the CPU the browser and the test
        // runner share; on a machine loaded far beyond its cores (other builds) the count says nothing about the lab.
        double load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        if (fps < 30 && load > 2 * Environment.ProcessorCount)
            output.WriteLine($"SKIPPED the 30 pictures/s check ({fps:F1} measured): the load average is {load} on {Environment.ProcessorCount} cores.");
        else
            Assert.True(fps >= 30, $"{fps:F1} picture updates per second in the best of three windows of two seconds, expected at least 30");
        // The displayed test loss must fall below 0.15 (a few dozen epochs; allow for a slow, shared machine).
        string shown = "";
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(40); await Task.Delay(200))
        {
            shown = await page.EvaluateAsync<string>("() => `epoch ${frame.epoch}, test loss ${document.getElementById('test-loss').textContent}`");
            if (double.Parse(shown[(shown.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) < 0.15) break;
        }
        output.WriteLine($"stopped at {shown}");
        Assert.True(double.Parse(shown[(shown.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) < 0.15, $"the page shows {shown} after 40 s of play");
        await page.ClickAsync("#play"); // pause
        await page.WaitForFunctionAsync("() => !frame.playing");
        // The screenshots the README and docs/lab.md show are rewritten only when the docs are regenerated
        // (tests/scripts/update-docs.sh sets MINIGRAD_UPDATE_DOCS); an ordinary run takes them into a temporary folder,
        // so that running the tests leaves the checkout as it was.
        string? mode = Environment.GetEnvironmentVariable(MiniGrad.Tests.Docs.DocOutputUpdater.Variable);
        string images = !string.IsNullOrEmpty(mode) && mode != "0"
            ? Path.Combine(Repository.Root(), "docs", "images")
            : Directory.CreateTempSubdirectory("minigrad-lab-shots-").FullName;
        Directory.CreateDirectory(images);
        await page.ScreenshotAsync(new() { Path = Path.Combine(images, "lab-playground.png") });

        // Backprop: explain a sample, step through every tape entry, and check each against TapeExplainer run here.
        string session = await page.EvaluateAsync<string>("() => session");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var frame = JsonDocument.Parse(await http.GetStringAsync($"/api/sessions/{session}/frame")).RootElement;
        await page.ClickAsync("#tab-backprop");
        await page.FillAsync("#sample", "3");
        await page.ClickAsync("#explain");
        await page.WaitForFunctionAsync("() => explanation !== null");
        var view = JsonDocument.Parse(await http.GetStringAsync($"/api/sessions/{session}/backprop?sample=3")).RootElement;
        var expected = LabReference.ExplainWithTanh(frame, view.GetProperty("input").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            view.GetProperty("target").GetInt32());
        Assert.Equal(expected.Forward.Count, await page.Locator("#forward-table tbody tr").CountAsync());
        // The graph: one op node per tape entry, and the leaves (x, the weights and biases, the target) beside them.
        Assert.Equal(expected.Backward.Count, await page.Locator("#graph g.node.op").CountAsync());
        Assert.Equal(expected.Leaves.Count(l => l.RequiresGrad), await page.Locator("#graph g.node.parameter").CountAsync());
        for (int step = 0; step < expected.Backward.Count; step++)
        {
            Assert.False(await page.IsDisabledAsync("#back-step"));
            await page.ClickAsync("#back-step");
            var entry = expected.Backward[step];
            Assert.Equal($"op:{entry.Step}", await page.GetAttributeAsync("#graph g.node.current", "data-id"));
            var rows = page.Locator($"#backward-table tbody tr[data-entry='{step}']");
            Assert.Equal(entry.Inputs.Count, await rows.CountAsync());
            AssertNumbers(entry.Upstream, await rows.Nth(0).Locator("td").Nth(3).TextContentAsync(), $"entry {step} ({entry.Op}) upstream");
            for (int j = 0; j < entry.Inputs.Count; j++)
            {
                var cells = rows.Nth(j).Locator("td");
                Assert.Equal(entry.Inputs[j].Input, await cells.Nth(4).TextContentAsync());
                if (entry.Inputs[j].LocalDerivative is { } local)
                    AssertNumbers(local, await cells.Nth(5).TextContentAsync(), $"entry {step} ({entry.Op}) input {j} local derivative");
                if (entry.Inputs[j].Gradient is { } gradient)
                    AssertNumbers(gradient, await cells.Nth(6).TextContentAsync(), $"entry {step} ({entry.Op}) input {j} gradient");
            }
        }
        Assert.True(await page.IsDisabledAsync("#back-step"));
        Assert.Equal(expected.Leaves.Count, await page.Locator("#leaves-table tbody tr").CountAsync());
        // The optimizer's update: one row per parameter, the change its Adam step makes.
        int parameters = view.GetProperty("update").GetProperty("parameters").GetArrayLength();
        Assert.Equal(expected.Leaves.Count(l => l.RequiresGrad), parameters);
        Assert.Equal(parameters, await page.Locator("#update-table tbody tr").CountAsync());
        Assert.Contains("Adam", await page.TextContentAsync("#update-title"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(images, "lab-backprop.png"), FullPage = true });

        // The activation explorer: move the slider and compare what the page shows with MiniGrad's own Hardswish here.
        await page.ClickAsync("#tab-explorer");
        await page.SelectOptionAsync("#explorer-activation", "hardswish");
        await page.WaitForFunctionAsync("() => document.getElementById('explorer-title').textContent.startsWith('Hardswish')");
        Assert.Equal(2, await page.Locator("#kinks-table tbody tr").CountAsync()); // at -3 and 3
        Assert.Equal(4, await page.Locator("#explorer-plot circle.kink").CountAsync()); // on f and on f'
        await page.EvaluateAsync("() => { const s = document.getElementById('explorer-x'); s.value = '-1.25'; s.dispatchEvent(new Event('input')); }");
        await page.WaitForFunctionAsync("() => document.getElementById('explorer-point').dataset.x === '-1.25'");
        var at = Tensor<double>.FromArray([-1.25]).RequireGrad();
        var hardswish = Functional.Hardswish(at);
        double derivative = Autograd.Grad(hardswish.Sum(), [at])[0]!.ToArray()[0];
        AssertNumbers([hardswish.ToArray()[0]], await page.TextContentAsync("#explorer-y"), "explorer f(-1.25)");
        AssertNumbers([derivative], await page.TextContentAsync("#explorer-dy"), "explorer f'(-1.25)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(images, "lab-explorer.png") });

        // The layer buttons: + layer adds a hidden layer (the run restarts with it), + on a layer adds a unit, and the
        // server's limit of 6 layers is explained rather than sent.
        await page.ClickAsync("#tab-playground");
        await page.ClickAsync("#add-layer");
        await page.WaitForFunctionAsync("() => frame.layers.length === 4 && frame.epoch === 0");
        Assert.Equal("8,8,8", await page.InputValueAsync("#hidden"));
        await page.ClickAsync("#layer-units .layer-line:first-child .add-unit");
        await page.WaitForFunctionAsync("() => frame.layers[0].outputs === 9");
        for (int layers = 5; layers <= 7; layers++)
        {
            await page.ClickAsync("#add-layer");
            await page.WaitForFunctionAsync($"() => frame.layers.length === {layers}");
        }
        await page.ClickAsync("#add-layer");
        await page.WaitForSelectorAsync("#error:not([hidden])");
        Assert.StartsWith("a network has at most 6 hidden layers", await page.TextContentAsync("#error"));
        Assert.Equal("9,8,8,8,8,8", await page.InputValueAsync("#hidden"));
        foreach (string shot in new[] { "lab-playground.png", "lab-backprop.png", "lab-explorer.png" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(images, shot));
            Assert.True(png.Length > 10_000 && png.AsSpan(1, 3).SequenceEqual("PNG"u8), $"{shot} is not a screenshot ({png.Length} bytes)");
        }

        // A bad setting shows the server's message on the page.
        await page.ClickAsync("#tab-playground");
        await page.FillAsync("#hidden", "8,1000");
        await page.DispatchEventAsync("#hidden", "change");
        await page.WaitForSelectorAsync("#error:not([hidden])");
        Assert.Equal("every hidden layer must have 1 to 64 units, got 1000.", await page.TextContentAsync("#error"));
        Assert.Empty(errors);
    }

    /// <summary>
    /// Opening the explorer loads the default activation; a choice made before that answer arrives is what the page
    /// must end up showing. The default's answer is held back here until the chosen one has been drawn, so the late
    /// answer arrives last every time (it once did by chance, and the title said Hardswish over ReLU's one kink).
    /// The backprop view's Explain takes the same rule: a second sample asked for wins over a first answered late.
    /// </summary>
    [Fact]
    public async Task TheLastChoiceWinsWhenAnEarlierAnswerArrivesLate()
    {
        await using var lab = await OpenLab.StartAsync(output);
        if (lab is null) return;
        var (page, url, errors) = (lab.Page, lab.Url, lab.Errors);
        await page.WaitForFunctionAsync("() => document.getElementById('explorer-activation').options.length > 0");
        string first = await page.InputValueAsync("#explorer-activation");
        Assert.NotEqual("hardswish", first);

        var chosenDrawn = new TaskCompletionSource();
        var lateSent = new TaskCompletionSource();
        await page.RouteAsync("**/api/activations/*/curve*", async route =>
        {
            if (!route.Request.Url.Contains("/hardswish/", StringComparison.Ordinal))
            {
                await chosenDrawn.Task.WaitAsync(TimeSpan.FromSeconds(30));
                lateSent.TrySetResult();
            }
            await route.ContinueAsync();
        });
        var lateAnswer = page.WaitForResponseAsync(r => r.Url.Contains("/curve", StringComparison.Ordinal) && !r.Url.Contains("/hardswish/", StringComparison.Ordinal));
        await page.ClickAsync("#tab-explorer");
        await page.SelectOptionAsync("#explorer-activation", "hardswish");
        await page.WaitForFunctionAsync("() => document.getElementById('explorer-title').textContent.startsWith('Hardswish')");
        chosenDrawn.SetResult();
        await lateSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await lateAnswer;
        // The page handles the answer in later tasks (the fetch's body, then the draw): give them time to run.
        await page.WaitForTimeoutAsync(500);

        Assert.StartsWith("Hardswish", await page.TextContentAsync("#explorer-title"));
        Assert.Equal(2, await page.Locator("#kinks-table tbody tr").CountAsync()); // at -3 and 3
        Assert.Equal("hardswish", await page.InputValueAsync("#explorer-activation"));

        // Explain sample 1, then sample 2 while the answer for 1 is held back.
        string session = await page.EvaluateAsync<string>("() => session");
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var secondInput = JsonDocument.Parse(await http.GetStringAsync($"/api/sessions/{session}/backprop?sample=2")).RootElement
            .GetProperty("input").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var secondDrawn = new TaskCompletionSource();
        var firstSent = new TaskCompletionSource();
        await page.RouteAsync("**/backprop?sample=1", async route =>
        {
            await secondDrawn.Task.WaitAsync(TimeSpan.FromSeconds(30));
            firstSent.TrySetResult();
            await route.ContinueAsync();
        });
        var firstAnswer = page.WaitForResponseAsync(r => r.Url.EndsWith("/backprop?sample=1", StringComparison.Ordinal));
        await page.ClickAsync("#tab-backprop");
        await page.FillAsync("#sample", "1");
        await page.ClickAsync("#explain");
        await page.FillAsync("#sample", "2");
        await page.ClickAsync("#explain");
        await page.WaitForFunctionAsync("() => explanation !== null");
        secondDrawn.SetResult();
        await firstSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await firstAnswer;
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(secondInput, await page.EvaluateAsync<double[]>("() => explanation.input"));
        Assert.Empty(errors);
    }

    /// <summary>
    /// A lab server on a free port of 127.0.0.1 and a page of Chromium open on it, collecting the page's script errors;
    /// disposing closes both. Null (and a SKIPPED line) where Chromium is not installed.
    /// </summary>
    private sealed class OpenLab : IAsyncDisposable
    {
        private WebApplication? app;
        private IPlaywright? playwright;
        private IBrowser? browser;

        public IPage Page { get; private set; } = null!;

        public string Url { get; private set; } = "";

        public List<string> Errors { get; } = [];

        public static async Task<OpenLab?> StartAsync(ITestOutputHelper output, BrowserNewPageOptions? options = null)
        {
            if (!File.Exists(Chromium))
            {
                output.WriteLine($"SKIPPED: {Chromium} is not installed (Debian's chromium package; CI installs it).");
                return null;
            }
            var lab = new OpenLab();
            try
            {
                lab.app = LabServer.Create(0);
                await lab.app.StartAsync();
                lab.Url = lab.app.Urls.First();
                lab.playwright = await Playwright.CreateAsync();
                lab.browser = await lab.playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
                lab.Page = await lab.browser.NewPageAsync(options);
                lab.Page.PageError += (_, e) => lab.Errors.Add(e);
                await lab.Page.GotoAsync(lab.Url);
                return lab;
            }
            catch
            {
                await lab.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (browser is not null) await browser.DisposeAsync();
            playwright?.Dispose();
            if (app is not null) await app.DisposeAsync();
        }
    }

    // The page shows the first 8 values with 6 significant digits: compare those within the rounding.
    private static void AssertNumbers(IReadOnlyList<double> expected, string? shown, string what)
    {
        Assert.NotNull(shown);
        var values = shown.Trim('[', ']').Split(", ").TakeWhile(s => !s.StartsWith('…'))
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(values.Length == Math.Min(8, expected.Count), $"{what}: shown '{shown}', expected {expected.Count} values");
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: page {values[i]}, MiniGrad {expected[i]}");
    }
}

/// <summary>Runs <see cref="LabBrowserTests"/> with no other test at the same time: the CPU it measures is its own.</summary>
[CollectionDefinition(nameof(LabBrowserTests), DisableParallelization = true)]
public sealed class LabBrowserCollection;
