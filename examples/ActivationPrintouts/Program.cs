// Tutorial 001's printouts, line for line, then tutorial 002's Sequential(Linear, ReLU, Linear, Softmax) snippet.
//     dotnet run --project examples/ActivationPrintouts -c Release -- [--full]   (--full prints the whole 32x10 output)
using MiniGrad;
using MiniGrad.Examples;

foreach (string line in Tutorial001.Lines())
    Console.WriteLine(line);

Console.WriteLine();
var (model, input, output) = Tutorial002Sequential.Run(Generator.PyTorchCompatible(0));  // torch.manual_seed(0)
Console.WriteLine(model);
Console.WriteLine($"input: [{string.Join(", ", input.Shape.Dims.ToArray())}], output: [{string.Join(", ", output.Shape.Dims.ToArray())}]");
var rowSums = output.Sum(1).ToArray();
Console.WriteLine($"every row of the output sums to 1: max |sum - 1| = {rowSums.Max(s => Math.Abs(s - 1)):G3}");
if (args.Contains("--full"))
    Console.WriteLine(output);  // print(output): the same text as PyTorch's
else
    Console.WriteLine($"first row: {output.SliceRows(0, 1)}");
