// Tutorial 003's training script (SimpleModel 10-18-18-4-1, MSE, Adam lr 0.001, 100 samples, batch 10, 150 epochs),
// seeded like `torch.manual_seed(0)`: the printed losses are PyTorch's.
//     dotnet run --project examples/Tutorial003 -c Release -- [--activation relu|sigmoid|tanh|leaky_relu] [--epochs N] [--seed S]
using MiniGrad;
using MiniGrad.Examples;

string definedActivationFunction = "relu";  // Choose which activation function to use in code
int numEpochs = Tutorial003Training.NumEpochs;
ulong seed = 0;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--activation": definedActivationFunction = args[i + 1]; break;
        case "--epochs": numEpochs = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--seed": seed = ulong.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}; options: --activation, --epochs, --seed");
            return 2;
    }
}
if (args.Length % 2 != 0 || !SimpleModel<float>.ActivationNames.Contains(definedActivationFunction) || numEpochs <= 0)
{
    Console.Error.WriteLine($"usage: Tutorial003 [--activation {string.Join("|", SimpleModel<float>.ActivationNames)}] [--epochs N>0] [--seed S]");
    return 2;
}

var generator = Generator.PyTorchCompatible(seed);  // torch.manual_seed(0)
// Python's f'{loss}' formats a one-element tensor as its item(): the shortest repr of the float widened to double.
Tutorial003Training.Run<float>(definedActivationFunction, generator, numEpochs,
    (epoch, loss) => Console.WriteLine(
        $"Epoch {epoch}/{numEpochs}, Loss: {((double)loss.Item()).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
Console.WriteLine("Training complete.");
return 0;
