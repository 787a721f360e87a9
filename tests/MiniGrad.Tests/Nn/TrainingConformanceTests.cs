using System.Text.Json;
using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Nn;

/// <summary>
/// Tutorial 003's network (Linear 10-18-18-4-1, an activation after every layer but the last, MSE, Adam lr 0.001,
/// batches of 10 rows in order, 20 epochs) from PyTorch's initial parameters and data (training.json): the 200 step
/// losses and the final parameters agree with PyTorch 1.13 in double within 1e-8 relative, for each activation.
/// </summary>
public class TrainingConformanceTests
{
    private static readonly JsonElement Data = ReferenceData.Load("training.json");

    public static TheoryData<string> Activations() =>
        [.. Data.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("activation").GetString()!)];

    private static Module<double> Activation(string name) => name switch
    {
        "relu" => new Relu<double>(),
        "sigmoid" => new Sigmoid<double>(),
        "tanh" => new Tanh<double>(),
        "leaky_relu" => new LeakyRelu<double>(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void TutorialNetworkReproducesPytorchLossesAndFinalParameters(string activation)
    {
        var c = Data.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("activation").GetString() == activation);
        var g = new Generator(0); // any: the parameters are replaced by PyTorch's
        var model = new Sequential<double>(
            new Linear<double>(10, 18, g), Activation(activation),
            new Linear<double>(18, 18, g), Activation(activation),
            new Linear<double>(18, 4, g), Activation(activation),
            new Linear<double>(4, 1, g));
        model.LoadStateDict(ReferenceParameters.ToStateDict<double>(c.GetProperty("initial_parameters")));
        var x = ReferenceData.ToTensor<double>(c.GetProperty("X"));
        var y = ReferenceData.ToTensor<double>(c.GetProperty("y"));
        var criterion = new MseLoss();
        var optimizer = new Adam<double>(model.Parameters(), lr: c.GetProperty("lr").GetDouble());
        int epochs = c.GetProperty("epochs").GetInt32(), batch = c.GetProperty("batch_size").GetInt32(), n = x.Shape[0];

        var losses = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
            for (int i = 0; i < n; i += batch)
            {
                optimizer.ZeroGrad();
                var loss = criterion.Forward(model.Forward(x[i..(i + batch)]), y[i..(i + batch)]);
                loss.Backward();
                optimizer.Step();
                losses.Add(loss.Item());
            }

        var expected = c.GetProperty("step_losses").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Close.All(expected, losses.ToArray().AsSpan(), 1e-8, 1e-14, $"{activation} step losses");
        var final = ReferenceParameters.ToStateDict<double>(c.GetProperty("final_parameters"));
        foreach (var (name, p) in model.NamedParameters())
            Close.All(final[name].ToArray(), p.ReadOnlySpan, 1e-8, 1e-14, $"{activation} final {name}");
    }
}
