// Tutorial 003, "What happens without activation functions?": a deep network without activations is one linear
// layer in disguise, so it cannot learn XOR; the same network with ReLU can.
//     dotnet run --project examples/LinearCollapse -c Release -- [--steps N]
using MiniGrad;
using MiniGrad.Examples;

int steps = 2000;
if (args.Length != 0 && (args.Length != 2 || args[0] != "--steps"
    || !int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out steps) || steps <= 0))
{
    // A usage error: one line on stderr, exit code 2.
    Console.Error.WriteLine($"LinearCollapse: expected nothing or --steps N with N a whole number of at least 1, got '{string.Join(" ", args)}'.");
    return 2;
}
int[] sizes = [2, 8, 8, 8, 1];

// 1. Four Linear layers without activations = one Linear layer.
var linear = new DeepNetwork(sizes, relu: false, Generator.PyTorchCompatible(0));
var collapsed = linear.Collapse();
var probe = Tensor<double>.RandomNormal(Generator.PyTorchCompatible(1), 1000, 2);
double maxDiff = linear.MaxCollapseError(probe);
Console.WriteLine($"{string.Join("-", sizes)} network without activations vs. its collapsed single layer W = W4 W3 W2 W1:");
Console.WriteLine($"  W = {collapsed.Weight}, b = {collapsed.Bias}");
Console.WriteLine($"  max |difference| over 1000 random inputs = {maxDiff:G3}");

// 2. XOR: the linear network cannot separate it, the ReLU network can.
var (linearLoss, linearAccuracy) = XorExperiment.Train(linear, steps);
var reluNet = new DeepNetwork(sizes, relu: true, Generator.PyTorchCompatible(0));
var (reluLoss, reluAccuracy) = XorExperiment.Train(reluNet, steps);
Console.WriteLine($"XOR after {steps} Adam steps (lr 0.01, binary cross entropy):");
Console.WriteLine($"  without activations: loss {linearLoss:F4}, accuracy {linearAccuracy * 100:F0}%");
Console.WriteLine($"  with ReLU:           loss {reluLoss:F4}, accuracy {reluAccuracy * 100:F0}%");

// Even after training, the linear network is still one layer.
maxDiff = linear.MaxCollapseError(probe);
Console.WriteLine($"  (the trained linear network still equals its collapsed layer: max |difference| = {maxDiff:G3})");
return 0;
