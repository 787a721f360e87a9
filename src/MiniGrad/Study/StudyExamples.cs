using MiniGrad.Nn;

namespace MiniGrad.Study;

/// <summary>
/// The small computations <c>minigrad explain</c> and <c>minigrad graph</c> show, built with named tensors on the
/// current tape (not yet differentiated).
/// </summary>
public static class StudyExamples
{
    /// <summary>The names of the built-in examples, for the command line.</summary>
    public static IReadOnlyList<string> Names { get; } = ["scalar", "hooks", "linear"];

    /// <summary>A one-line description of the example called <paramref name="name"/>, with its code.</summary>
    /// <exception cref="ArgumentException">No example has that name.</exception>
    public static string Describe(string name) => name switch
    {
        "scalar" => "scalar: a = 2, b = -3, c = 10, e = a*b, d = e + c, f = -2, L = d * f (micrograd's first example)",
        "hooks" => "hooks: the scalar example with a hook on e that clips its gradient to [-1, 1], and d.RetainGrad()",
        "linear" => "linear: h = x @ weightᵀ + bias, y = relu(h), loss = mean((y - target)²), x [4, 3], weight [2, 3]",
        _ => throw new ArgumentException($"example: unknown example '{name}'; the examples are {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>Builds the example called <paramref name="name"/> (see <see cref="Names"/>) and returns its root.</summary>
    /// <exception cref="ArgumentException">No example has that name.</exception>
    public static Tensor<double> Build(string name) => name switch
    {
        "scalar" => MicrogradExpression(),
        "hooks" => MicrogradWithHooks(),
        "linear" => LinearReluMseStep(),
        _ => throw new ArgumentException($"example: unknown example '{name}'; the examples are {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// micrograd's first expression: <c>a = 2, b = -3, c = 10, e = a*b, d = e + c, f = -2, L = d * f</c>, every
    /// tensor a named scalar that requires grad. Returns L (= -8).
    /// </summary>
    public static Tensor<double> MicrogradExpression()
    {
        var a = Named(Tensor.Scalar(2.0).RequireGrad(), "a");
        var b = Named(Tensor.Scalar(-3.0).RequireGrad(), "b");
        var c = Named(Tensor.Scalar(10.0).RequireGrad(), "c");
        var e = Named(a * b, "e");
        var d = Named(e + c, "d");
        var f = Named(Tensor.Scalar(-2.0).RequireGrad(), "f");
        return Named(d * f, "L");
    }

    /// <summary>
    /// <see cref="MicrogradExpression"/> with a gradient hook on <c>e</c> that clips its gradient to [-1, 1] (so a and
    /// b receive half of what they would) and <c>d.RetainGrad()</c> (so d keeps its gradient). Returns L.
    /// </summary>
    public static Tensor<double> MicrogradWithHooks()
    {
        var L = MicrogradExpression();
        var d = L.GradFn!.Inputs[0];
        var e = d.GradFn!.Inputs[0];
        e.RegisterHook(g => g.Clamp(-1.0, 1.0));
        d.RetainGrad();
        return L;
    }

    /// <summary>
    /// One training step's forward pass through MiniGrad's training library: a <see cref="Linear{T}"/>(3, 2), ReLU
    /// and <see cref="MseLoss"/>, on a batch of four fixed samples with fixed weights (so the listing is the same on
    /// every run): <c>h = x @ weightᵀ + bias</c>, <c>y = relu(h)</c>, <c>loss = mean((y - target)²)</c>. One unit is
    /// off for some samples, so the listing shows ReLU's zero local derivative. Returns the loss.
    /// </summary>
    public static Tensor<double> LinearReluMseStep()
    {
        var layer = new Linear<double>(3, 2, new Generator(0));
        new[] { 0.4, -0.3, 0.2, -0.5, 0.1, 0.6 }.CopyTo(layer.Weight.Span);   // fixed, readable weights instead of random ones
        new[] { 0.1, -0.2 }.CopyTo(layer.Bias!.Span);
        var x = Named(Tensor.FromArray(new[] { 1.0, -2.0, 0.5, 0.0, 1.0, -1.0, 2.0, 0.5, 1.5, -1.0, -0.5, 2.0 }, 4, 3), "x");
        var target = Named(Tensor.FromArray(new[] { 1.0, 0.0, 0.5, 0.0, 0.0, 1.0, -0.5, 0.5 }, 4, 2), "target");
        var h = Named(layer.Forward(x), "h");
        var y = Named(Functional.Relu(h), "relu(h)");
        return Named(new MseLoss().Forward(y, target), "loss");
    }

    private static Tensor<double> Named(Tensor<double> t, string name)
    {
        t.Name = name;
        return t;
    }
}
