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
        case "--epochs":
            if (!int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out numEpochs) || numEpochs <= 0)
                return Usage($"--epochs must be a whole number of at least 1, got '{args[i + 1]}'");
            break;
        case "--seed":
            if (!ulong.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out seed))
                return Usage($"--seed must be a whole number from 0 to {ulong.MaxValue}, got '{args[i + 1]}'");
            break;
        default:
            return Usage($"unknown option {args[i]}");
    }
}
if (args.Length % 2 != 0) return Usage($"{args[^1]} needs a value");
if (!SimpleModel<float>.ActivationNames.Contains(definedActivationFunction))
    return Usage($"--activation must be one of {string.Join(", ", SimpleModel<float>.ActivationNames)}, got '{definedActivationFunction}'");

var generator = Generator.PyTorchCompatible(seed);  // torch.manual_seed(0)
// Python's f'{loss}' formats a one-element tensor as its item(): the shortest repr of the float widened to double.
Tutorial003Training.Run<float>(definedActivationFunction, generator, numEpochs,
    (epoch, loss) => Console.WriteLine(
        $"Epoch {epoch}/{numEpochs}, Loss: {((double)loss.Item()).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
Console.WriteLine("Training complete.");
return 0;

// A usage error: one line on stderr, exit code 2.
static int Usage(string problem)
{
    Console.Error.WriteLine($"Tutorial003: {problem}; usage: Tutorial003 [--activation {string.Join("|", SimpleModel<float>.ActivationNames)}] [--epochs N] [--seed S]");
    return 2;
}
