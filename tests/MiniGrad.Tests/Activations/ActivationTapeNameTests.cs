namespace MiniGrad.Tests.Activations;

/// <summary>
/// How each activation's node reads on the tape (<c>Function.ToString()</c>, what <c>minigrad explain</c> and the graph
/// show): its name and the hyperparameters that make it, so a reader can tell <c>Relu6</c> from <c>Hardtanh</c> and
/// one Softplus from another. Numbers print as Python prints floats (2.0), as PyTorch shows them; Rrelu in evaluation mode
/// shows its fixed slope, the mean of its bounds.
/// </summary>
public class ActivationTapeNameTests
{
    public static TheoryData<string, string> Nodes() => new()
    {
        { "Elu", "Elu(alpha=2.0)" },
        { "Selu", "Selu" },
        { "Celu", "Celu(alpha=0.5)" },
        { "Gelu", "Gelu(approximate=None)" },
        { "GeluTanh", "Gelu(approximate=Tanh)" },
        { "Hardshrink", "Hardshrink(lambda=0.25)" },
        { "Softshrink", "Softshrink(lambda=0.25)" },
        { "Hardtanh", "Hardtanh(minVal=-2.0, maxVal=3.0)" },
        { "Relu6", "Relu6" },
        { "LeakyRelu", "LeakyRelu(negativeSlope=0.2)" },
        { "Softplus", "Softplus(beta=2.0, threshold=5.0)" },
        { "Threshold", "Threshold(threshold=0.5, value=-2.0)" },
        { "Softmax", "Softmax(dim=1)" },
        { "Rrelu", "Rrelu(negativeSlope=0.22916666666666666)" },
    };

    private static Tensor<double> Apply(string name, Tensor<double> x) => name switch
    {
        "Elu" => Functional.Elu(x, 2),
        "Selu" => Functional.Selu(x),
        "Celu" => Functional.Celu(x, 0.5),
        "Gelu" => Functional.Gelu(x),
        "GeluTanh" => Functional.Gelu(x, GeluApproximation.Tanh),
        "Hardshrink" => Functional.Hardshrink(x, 0.25),
        "Softshrink" => Functional.Softshrink(x, 0.25),
        "Hardtanh" => Functional.Hardtanh(x, -2, 3),
        "Relu6" => Functional.Relu6(x),
        "LeakyRelu" => Functional.LeakyRelu(x, 0.2),
        "Softplus" => Functional.Softplus(x, 2, 5),
        "Threshold" => Functional.Threshold(x, 0.5, -2),
        "Softmax" => Functional.Softmax(x, 1),
        "Rrelu" => Functional.Rrelu(x),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Nodes))]
    public void TheNodeShowsTheActivationAndItsHyperparameters(string activation, string expected)
    {
        var x = Tensor.FromArray(new[] { -1.0, 0.5, 2.0, 4.0 }, 2, 2).RequireGrad();
        Assert.Equal(expected, Apply(activation, x).GradFn!.ToString());
    }
}
