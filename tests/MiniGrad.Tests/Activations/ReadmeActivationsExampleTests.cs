using MiniGrad.Nn;
using static MiniGrad.Functional;

namespace MiniGrad.Tests.Activations;

/// <summary>The README's activations example, run as written, with the printed values it claims.</summary>
public class ReadmeActivationsExampleTests
{
    [Fact]
    public void ExampleRunsAndPrintsWhatTheReadmeSays()
    {
        var x = Tensor.FromArray(new[] { -1.0f, 2.0f, -3.0f, 4.0f, 0.0f });
        Assert.Equal("tensor([0.2689, 0.8808, 0.0474, 0.9820, 0.5000])", Sigmoid(x).ToString());
        Assert.Equal("tensor([-0.1000,  2.0000, -0.3000,  4.0000,  0.0000])", new LeakyRelu<float>(negativeSlope: 0.1).Forward(x).ToString());
        var p = Softmax(Tensor.FromArray(new[] { 1.0f, 2.0f, 3.0f, 4.0f, 5.0f }), dim: 0);
        Assert.Equal("tensor(1.0000)", p.Sum().ToString());

        var model = new Sequential<double>(new Linear<double>(10, 5, new Generator(0)), new Gelu<double>(),
                                           new Linear<double>(5, 1, new Generator(1)));
        var y = model.Forward(Tensor<double>.Ones(3, 10));
        Assert.Equal(new TensorShape(3, 1), y.Shape);
        var rrelu = new Rrelu<double>(generator: new Generator(42));
        Assert.Equal(new TensorShape(3, 1), rrelu.Forward(y).Shape);
    }
}
