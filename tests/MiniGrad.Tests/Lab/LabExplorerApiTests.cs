using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using MiniGrad.Study;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Lab;

/// <summary>
/// The activation explorer's API (src/MiniGrad.Lab/ActivationExplorer.cs), in-process: curves and points against
/// MiniGrad's activations evaluated here, kinks against PyTorch 1.13's values recorded in Data/activation_kinks.json.
/// </summary>
public sealed class LabExplorerApiTests(WebApplicationFactory<MiniGrad.Lab.Program> factory) : IClassFixture<WebApplicationFactory<MiniGrad.Lab.Program>>
{
    private readonly HttpClient client = factory.CreateClient();

    private async Task<JsonElement> Get(string path)
    {
        var response = await client.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    public static TheoryData<string, Func<Tensor<double>, Tensor<double>>> Activations() => new()
    {
        { "relu", x => Functional.Relu(x) },
        { "leaky_relu", x => Functional.LeakyRelu(x) },
        { "gelu", x => Functional.Gelu(x) },
        { "hardswish", x => Functional.Hardswish(x) },
        { "softplus", x => Functional.Softplus(x) },
        { "tanh", x => Functional.Tanh(x) },
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public async Task TheCurveIsMiniGradsFunctionAndItsAutogradDerivative(string name, Func<Tensor<double>, Tensor<double>> f)
    {
        var curve = await Get($"/api/activations/{name}/curve?from=-4&to=4&points=33");
        var expected = ActivationCurve.Sample(f, -4, 4, 33);
        Assert.Equal(expected.X, Doubles(curve.GetProperty("x")));
        Assert.Equal(expected.Y, Doubles(curve.GetProperty("y")));
        Assert.Equal(expected.DyDx, Doubles(curve.GetProperty("dy")));
    }

    [Fact]
    public async Task APointHasMiniGradsValueAndFirstAndSecondDerivative()
    {
        var p = await Get("/api/activations/gelu/at?x=0.75");
        var x = Tensor<double>.FromArray([0.75]).RequireGrad();
        var y = Functional.Gelu(x);
        var dy = Autograd.Grad(y.Sum(), [x], createGraph: true)[0]!;
        var d2y = Autograd.Grad(dy.Sum(), [x])[0]!;
        Assert.Equal(0.75, p.GetProperty("x").GetDouble());
        Assert.Equal(y.ToArray()[0], p.GetProperty("y").GetDouble());
        Assert.Equal(dy.ToArray()[0], p.GetProperty("dy").GetDouble());
        Assert.Equal(d2y.ToArray()[0], p.GetProperty("d2y").GetDouble());
    }

    [Theory]
    [InlineData("relu", new[] { 0.0 })]
    [InlineData("relu6", new[] { 0.0, 6.0 })]
    [InlineData("hardtanh", new[] { -1.0, 1.0 })]
    [InlineData("hardsigmoid", new[] { -3.0, 3.0 })]
    [InlineData("hardswish", new[] { -3.0, 3.0 })]
    [InlineData("leaky_relu", new[] { 0.0 })]
    [InlineData("elu", new[] { 0.0 })]
    [InlineData("softshrink", new[] { -0.5, 0.5 })]
    [InlineData("hardshrink", new[] { -0.5, 0.5 })]
    [InlineData("gelu", new double[0])]
    [InlineData("sigmoid", new double[0])]
    public async Task TheKinksAreFoundWhereTheActivationIsNotSmooth(string name, double[] expected)
    {
        var curve = await Get($"/api/activations/{name}/curve");
        Assert.Equal(expected, curve.GetProperty("kinks").EnumerateArray().Select(k => k.GetProperty("x").GetDouble()));
    }

    [Fact]
    public async Task AtEachKinkTheValueAndDerivativeArePyTorchs()
    {
        // PyTorch 1.13's values at the kinks of the activations recorded with their default arguments.
        int compared = 0;
        foreach (var c in ReferenceData.Load("activation_kinks.json").GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("args").EnumerateObject().Any()) continue;
            string name = c.GetProperty("name").GetString()!;
            var curve = await Get($"/api/activations/{name}/curve");
            var kinks = curve.GetProperty("kinks").EnumerateArray().ToDictionary(k => k.GetProperty("x").GetDouble());
            var xs = Doubles(c.GetProperty("x"));
            var ys = Doubles(c.GetProperty("y"));
            var dys = Doubles(c.GetProperty("dy"));
            // The recorded points are each kink and a quarter to each side: the kinks are the middle ones.
            for (int i = 1; i < xs.Length; i += 3)
            {
                if (Math.Abs(xs[i]) > 8) continue; // Softplus's threshold at 20 is outside the range searched
                Assert.True(kinks.TryGetValue(xs[i], out var kink), $"{name}: no kink reported at {xs[i]}");
                Assert.Equal(ys[i], kink.GetProperty("y").GetDouble(), 1e-12);
                Assert.Equal(dys[i], kink.GetProperty("dy").GetDouble(), 1e-12);
                if (c.GetProperty("d2y").ValueKind != JsonValueKind.Null)
                    Assert.Equal(Doubles(c.GetProperty("d2y"))[i], kink.GetProperty("d2y").GetDouble(), 1e-12);
                string function = new[] { "f", "f'", "f''" }[kink.GetProperty("order").GetInt32()];
                Assert.StartsWith($"{function}({xs[i]}) = ", kink.GetProperty("convention").GetString());
                compared++;
            }
        }
        Assert.True(compared >= 6, $"only {compared} kinks compared");
    }

    [Theory]
    [InlineData("/api/activations/swish/curve", "activation must be one of celu, elu, gelu")]
    [InlineData("/api/activations/softmax/curve", "activation must be one of")]
    [InlineData("/api/activations/none/at?x=1", "activation must be one of")]
    [InlineData("/api/activations/relu/curve?from=3&to=1", "from and to must be finite numbers from -100 to 100 with from below to, got from 3 and to 1.")]
    [InlineData("/api/activations/relu/curve?from=-1e9", "from and to must be finite numbers")]
    [InlineData("/api/activations/relu/curve?to=abc", "to must be a number such as 0.5, got 'abc'.")]
    [InlineData("/api/activations/relu/curve?points=1", "points must be a whole number between 2 and 2001, got 1.")]
    [InlineData("/api/activations/relu/curve?points=2.5", "points must be a whole number between 2 and 2001, got 2.5.")]
    [InlineData("/api/activations/relu/curve?points=100000", "points must be a whole number between 2 and 2001, got 100000.")]
    [InlineData("/api/activations/relu/at", "give the point as ?x=, a number such as 0.5.")]
    [InlineData("/api/activations/relu/at?x=NaN", "x must be a finite number from -100 to 100, got NaN.")]
    [InlineData("/api/activations/relu/at?x=1,5", "x must be a number such as 0.5, got '1,5'.")]
    public async Task BadNamesAndRangesGet400WithOneSentence(string path, string expected)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.StartsWith(expected, error);
        Assert.EndsWith(".", error);
    }

    [Fact]
    public async Task TheExplorerOffersTheElementwiseActivationsThePlaygroundOffers()
    {
        var names = Strings((await Get("/api/activations")).GetProperty("activations"));
        var options = Strings((await Get("/api/options")).GetProperty("activations"));
        Assert.Equal(options.Where(n => n != "none"), names);
        Assert.Equal(ActivationCatalog.Names.Where(ActivationCatalog.IsElementwise), names);
        Assert.DoesNotContain("softmax", names);
        Assert.Contains("leaky_relu", names);
    }

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetString()!)];
}
