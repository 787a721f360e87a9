using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MiniGrad.Tests.Lab;

/// <summary>The lab's JSON API and its frame stream, with the server in-process (src/MiniGrad.Lab/LabServer.cs).</summary>
public sealed class LabApiTests : IClassFixture<WebApplicationFactory<MiniGrad.Lab.Program>>
{
    private readonly HttpClient client;

    public LabApiTests(WebApplicationFactory<MiniGrad.Lab.Program> factory) => client = factory.CreateClient();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonElement> Post(string path, string json = "{}")
    {
        var response = await client.PostAsync(path, Json(json));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> Create(string json = "{}") => (await Post("/api/sessions", json)).GetProperty("session").GetString()!;

    [Fact]
    public async Task ThePageAndItsScriptComeFromTheAssemblyAndFetchNothingElse()
    {
        string page = await client.GetStringAsync("/");
        Assert.Contains("<canvas id=\"boundary\"", page);
        string script = await client.GetStringAsync("/lab.js");
        Assert.Contains("EventSource", script);
        foreach (var text in new[] { page, script, await client.GetStringAsync("/lab.css") })
            Assert.DoesNotContain("http", text.Replace("http://127.0.0.1", ""), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OptionsListMiniGradsActivationsAndTheDatasets()
    {
        var options = JsonDocument.Parse(await client.GetStringAsync("/api/options")).RootElement;
        var activations = options.GetProperty("activations").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("relu", activations);
        Assert.Contains("gelu", activations);
        Assert.Contains("none", activations);
        Assert.DoesNotContain("glu", activations); // halves its input: not a unit-wise hidden activation
        Assert.Equal(["xor", "circle", "gaussians", "spirals", "iris", "points"],
            options.GetProperty("datasets").EnumerateArray().Select(d => d.GetString()));
    }

    [Theory]
    [InlineData("""{"activation":"swishy"}""", "activation must be one of celu, elu, gelu")]
    [InlineData("""{"hidden":[10000]}""", "every hidden layer must have 1 to 64 units, got 10000.")]
    [InlineData("""{"hidden":[8,0]}""", "every hidden layer must have 1 to 64 units, got 0.")]
    [InlineData("""{"lr":-0.1}""", "lr must be above 0 and at most 10, got -0.1.")]
    [InlineData("""{"dataset":"moons"}""", "dataset must be one of xor, circle, gaussians, spirals, iris, points, got 'moons'.")]
    [InlineData("""{"optimizer":"lbfgs"}""", "optimizer must be one of sgd, adam, adamw, rmsprop, adagrad, got 'lbfgs'.")]
    [InlineData("""{"dataset":"points","points":[{"x":0,"y":0,"label":1}]}""", "points needs at least two points of each class")]
    [InlineData("""{"lr":"fast"}""", "the settings are not valid JSON of the right types")]
    [InlineData("""{"lr":""", "the settings are not valid JSON of the right types")]
    public async Task BadSettingsGet400WithOneClearSentence(string settings, string expected)
    {
        var response = await client.PostAsync("/api/sessions", Json(settings));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.StartsWith(expected, error);
        Assert.DoesNotContain("Exception", error);
    }

    [Fact]
    public async Task AResetWithBadSettingsLeavesTheRunAsItWas()
    {
        string id = await Create();
        var before = await client.GetStringAsync($"/api/sessions/{id}/frame");
        var response = await client.PostAsync($"/api/sessions/{id}/reset", Json("""{"hidden":[65]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await client.GetStringAsync($"/api/sessions/{id}/frame"));
    }

    [Fact]
    public async Task AnUnknownSessionGets404AndABadSampleGets400()
    {
        var response = await client.PostAsync("/api/sessions/nope/step", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no session 'nope'", await response.Content.ReadAsStringAsync());
        string id = await Create("""{"samples":20}""");
        response = await client.GetAsync($"/api/sessions/{id}/backprop?sample=10");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sample must be a training sample's index from 0 to 9, got 10.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StepsTrainTheNetworkAndLowerTheLoss()
    {
        string id = await Create("""{"dataset":"xor","hidden":[8,8],"activation":"tanh","optimizer":"adam","lr":0.03,"seed":3}""");
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/frame");
        Assert.Equal(0, first.GetProperty("epoch").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("layers")[0].GetProperty("weightGrad").ValueKind);
        JsonElement last = first;
        for (int i = 0; i < 30; i++) last = await Post($"/api/sessions/{id}/step");
        Assert.Equal(30, last.GetProperty("epoch").GetInt32());
        Assert.Equal(30 * 10, last.GetProperty("steps").GetInt32()); // 100 training samples in batches of 10
        Assert.True(last.GetProperty("trainLoss").GetDouble() < first.GetProperty("trainLoss").GetDouble() / 2,
            $"train loss {first.GetProperty("trainLoss")} -> {last.GetProperty("trainLoss")}");
        Assert.True(last.GetProperty("testAccuracy").GetDouble() > 0.8, $"test accuracy {last.GetProperty("testAccuracy")}");
        Assert.Equal(16, last.GetProperty("layers")[0].GetProperty("weightGrad").GetArrayLength()); // [8, 2]
        Assert.Equal(48 * 48, last.GetProperty("boundary").GetArrayLength());
        Assert.Equal(16, last.GetProperty("unitMaps").GetArrayLength()); // 8 + 8 hidden units
    }

    [Fact]
    public async Task TheSameSettingsGiveTheSameFramesBitForBitAndSessionsAreIndependent()
    {
        const string settings = """{"dataset":"spirals","hidden":[6,6],"activation":"relu","optimizer":"sgd","lr":0.1,"seed":7}""";
        string a = await Create(settings), b = await Create(settings);
        for (int i = 0; i < 3; i++) await Post($"/api/sessions/{a}/step");
        string afterThree = Strip(await client.GetStringAsync($"/api/sessions/{a}/frame"));
        // b has not moved while a trained.
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{b}/frame")).GetProperty("epoch").GetInt32());
        for (int i = 0; i < 3; i++) await Post($"/api/sessions/{b}/step");
        Assert.Equal(afterThree, Strip(await client.GetStringAsync($"/api/sessions/{b}/frame")));

        await Post($"/api/sessions/{a}/reset", settings);
        for (int i = 0; i < 3; i++) await Post($"/api/sessions/{a}/step");
        Assert.Equal(afterThree, Strip(await client.GetStringAsync($"/api/sessions/{a}/frame")));

        // Another seed is another run.
        await Post($"/api/sessions/{a}/reset", settings.Replace("\"seed\":7", "\"seed\":8"));
        for (int i = 0; i < 3; i++) await Post($"/api/sessions/{a}/step");
        Assert.NotEqual(afterThree, Strip(await client.GetStringAsync($"/api/sessions/{a}/frame")));
    }

    // A frame names its session; everything else must match.
    private static string Strip(string frame) => System.Text.RegularExpressions.Regex.Replace(frame, "\"session\":\"[0-9a-f]+\"", "");

    [Fact]
    public async Task TheStreamTrainsWhilePlayingAndClosingItEndsTheSession()
    {
        string id = await Create("""{"seed":5}""");
        await Post($"/api/sessions/{id}/play");
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{id}/stream"))
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var epochs = new List<int>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (epochs.Count < 5)
            {
                string? line = await reader.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    epochs.Add(JsonDocument.Parse(line[6..]).RootElement.GetProperty("epoch").GetInt32());
            }
            Assert.True(epochs.SequenceEqual(epochs.Order()) && epochs[^1] > epochs[0], $"epochs {string.Join(", ", epochs)}");
        }
        // The stream's end (the tab closing) ends the session; give the server a moment to see it.
        for (int i = 0; i < 100; i++)
        {
            var response = await client.GetAsync($"/api/sessions/{id}/frame");
            if (response.StatusCode == HttpStatusCode.NotFound) return;
            await Task.Delay(50);
        }
        Assert.Fail("the session outlived its stream");
    }

    [Fact]
    public async Task BackpropListsTheSameTapeAsMiniGradsOwnExplain()
    {
        string id = await Create("""{"hidden":[3],"activation":"tanh","seed":2}""");
        for (int i = 0; i < 2; i++) await Post($"/api/sessions/{id}/step");
        var frame = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/frame");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/backprop?sample=4");

        // Rebuild the network from the frame's weights and explain sample 4 here, independently of the server.
        var input = view.GetProperty("input").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var expected = LabReference.ExplainWithTanh(frame, input, view.GetProperty("target").GetInt32());

        Assert.Equal(expected.ToString(), view.GetProperty("text").GetString());
        var backward = view.GetProperty("backward");
        Assert.Equal(expected.Backward.Count, backward.GetArrayLength());
        for (int s = 0; s < expected.Backward.Count; s++)
        {
            Assert.Equal(expected.Backward[s].Op, backward[s].GetProperty("op").GetString());
            Assert.Equal(expected.Backward[s].Upstream, backward[s].GetProperty("upstream").EnumerateArray().Select(v => v.GetDouble()));
        }
    }

    private static float[] Floats(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetSingle())];

    [Fact]
    public async Task TheUpdateShownIsAdamsRealStepNotAPlainGradientStep()
    {
        // A fresh run: Adam's state is empty, so its step can be taken here by MiniGrad's own Adam on the same weights.
        string id = await Create("""{"hidden":[3],"activation":"tanh","optimizer":"adam","lr":0.03,"seed":4}""");
        var frame = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/frame");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/backprop?sample=2");
        var update = view.GetProperty("update");
        Assert.Equal("Adam", update.GetProperty("optimizer").GetString());
        Assert.Equal(0, update.GetProperty("stepCount").GetInt32());

        var net = LabReference.TanhNetwork(frame);
        var adam = new MiniGrad.Optim.Adam<float>(net.Parameters(), lr: 0.03);
        LabReference.Loss(net, view.GetProperty("input").EnumerateArray().Select(v => v.GetDouble()).ToArray(), view.GetProperty("target").GetInt32()).Backward();
        var gradients = net.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
        adam.Step();
        var parameters = update.GetProperty("parameters");
        Assert.Equal(net.Parameters().Count, parameters.GetArrayLength());
        bool differsFromPlainStep = false;
        for (int i = 0; i < parameters.GetArrayLength(); i++)
        {
            var p = parameters[i];
            Assert.Equal(net.Parameters()[i].Name, p.GetProperty("name").GetString());
            Assert.Equal(gradients[i], Floats(p.GetProperty("gradient")));
            Assert.Equal(net.Parameters()[i].ToArray(), Floats(p.GetProperty("after")));
            var delta = Floats(p.GetProperty("delta"));
            for (int j = 0; j < delta.Length; j++)
                differsFromPlainStep |= Math.Abs(delta[j] - -0.03f * gradients[i][j]) > 1e-4;
        }
        Assert.True(differsFromPlainStep, "Adam's update equals -lr * gradient everywhere");
        // Showing the update moved nothing: the run's weights are as they were.
        Assert.Equal(frame.GetProperty("layers").ToString(), (await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/frame")).GetProperty("layers").ToString());
    }

    [Fact]
    public async Task AfterSomeStepsTheUpdateFollowsAdamsFormulaFromItsState()
    {
        string id = await Create("""{"hidden":[4],"activation":"tanh","optimizer":"adam","lr":0.05,"seed":6}""");
        for (int i = 0; i < 3; i++) await Post($"/api/sessions/{id}/step");
        var update = (await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/backprop?sample=1")).GetProperty("update");
        Assert.Equal(30, update.GetProperty("stepCount").GetInt32()); // 3 epochs of 10 batches
        const double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        foreach (var p in update.GetProperty("parameters").EnumerateArray())
        {
            // PyTorch's Adam (torch.optim.Adam's documented algorithm), from the state before the step.
            int t = (int)p.GetProperty("counters").GetProperty("step").GetDouble() + 1;
            Assert.Equal(31, t);
            var g = Floats(p.GetProperty("gradient"));
            var m = Floats(p.GetProperty("state").GetProperty("exp_avg"));
            var v = Floats(p.GetProperty("state").GetProperty("exp_avg_sq"));
            Assert.Contains(m, x => x != 0);
            var before = Floats(p.GetProperty("before"));
            var after = Floats(p.GetProperty("after"));
            for (int j = 0; j < g.Length; j++)
            {
                double mt = b1 * m[j] + (1 - b1) * g[j], vt = b2 * v[j] + (1 - b2) * g[j] * g[j];
                double step = lr * (mt / (1 - Math.Pow(b1, t))) / (Math.Sqrt(vt / (1 - Math.Pow(b2, t))) + eps);
                Assert.Equal(before[j] - step, after[j], 1e-5);
            }
        }
    }

    [Fact]
    public async Task SgdWithMomentumAddsTheGradientToItsBuffer()
    {
        string id = await Create("""{"hidden":[3],"activation":"relu","optimizer":"sgd","momentum":0.9,"lr":0.1,"seed":2}""");
        await Post($"/api/sessions/{id}/step");
        var update = (await client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/backprop?sample=0")).GetProperty("update");
        Assert.Equal(0.9, update.GetProperty("hyperparameters").GetProperty("defaults.momentum").GetDouble());
        foreach (var p in update.GetProperty("parameters").EnumerateArray())
        {
            var g = Floats(p.GetProperty("gradient"));
            var buffer = Floats(p.GetProperty("state").GetProperty("momentum_buffer"));
            var delta = Floats(p.GetProperty("delta"));
            for (int j = 0; j < g.Length; j++) Assert.Equal(-0.1 * (0.9 * buffer[j] + g[j]), delta[j], 1e-5);
        }
        var response = await client.PostAsync("/api/sessions", Json("""{"momentum":1.5}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("momentum must be between 0 and 0.99, got 1.5.", await response.Content.ReadAsStringAsync());
    }
}
