using MiniGrad.Nn;

namespace MiniGrad.Examples;

/// <summary>
/// The last snippet of tutorial 002, "Activation Functions in PyTorch":
/// <code>
/// model = nn.Sequential(nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(dim=1))
/// input_tensor = torch.randn(32, 128)  # Batch size of 32, 128 features
/// output = model(input_tensor)
/// </code>
/// With <c>Generator.PyTorchCompatible(0)</c> (<c>torch.manual_seed(0)</c>) the weights and the input are PyTorch's.
/// </summary>
public static class Tutorial002Sequential
{
    /// <summary>Builds the model, then draws the input, in the snippet's order, and runs it.</summary>
    public static (Sequential<float> Model, Tensor<float> Input, Tensor<float> Output) Run(Generator generator)
    {
        var model = new Sequential<float>(
            new Linear<float>(128, 64, generator),
            new Relu<float>(),
            new Linear<float>(64, 10, generator),
            new Softmax<float>(dim: 1));
        var inputTensor = Tensor<float>.RandomNormal(generator, 32, 128); // Batch size of 32, 128 features
        var output = model.Forward(inputTensor);
        return (model, inputTensor, output);
    }
}
