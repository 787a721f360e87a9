using MiniGrad.Nn;

namespace MiniGrad.Tests.Nn;

/// <summary>Tutorial 000's SimpleNN as a MiniGrad subclass: fields, a constructor that registers them, a Forward.</summary>
public class SimpleNnTests
{
    private sealed class SimpleNN : Module<float>
    {
        private readonly Linear<float> fc1, fc2;
        private readonly Relu<float> relu;

        public SimpleNN(Generator generator)
        {
            fc1 = Register("fc1", new Linear<float>(10, 5, generator));
            fc2 = Register("fc2", new Linear<float>(5, 1, generator));
            relu = Register("relu", new Relu<float>());
        }

        public override Tensor<float> Forward(Tensor<float> x) => fc2.Forward(relu.Forward(fc1.Forward(x)));
    }

    [Fact]
    public void NamesParametersAfterItsFieldsAndPrintsLikePytorch()
    {
        var model = new SimpleNN(new Generator(1));
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(
            "SimpleNN(\n" +
            "  (fc1): Linear(inFeatures: 10, outFeatures: 5, bias: True)\n" +
            "  (fc2): Linear(inFeatures: 5, outFeatures: 1, bias: True)\n" +
            "  (relu): Relu()\n" +
            ")",
            model.ToString());
    }

    [Fact]
    public void TrainsWithLossAndOptimizer()
    {
        var g = new Generator(2);
        var model = new SimpleNN(g);
        var x = Tensor<float>.RandomNormal(g, 32, 10);
        var y = Tensor<float>.RandomNormal(g, 32, 1);
        var criterion = new MseLoss();
        var optimizer = new MiniGrad.Optim.Adam<float>(model.Parameters(), lr: 0.01);
        float first = criterion.Forward(model.Forward(x), y).Item();
        for (int step = 0; step < 50; step++)
        {
            optimizer.ZeroGrad();
            var loss = criterion.Forward(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
        }
        Assert.True(criterion.Forward(model.Forward(x), y).Item() < first);
    }
}
