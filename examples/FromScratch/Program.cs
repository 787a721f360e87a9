// Tutorial 002's NumPy activations, written from scratch as loops, next to MiniGrad's ops on the same inputs.
using MiniGrad;
using MiniGrad.Examples;

double[] x = [-1, 0, 1];       // x = np.array([-1, 0, 1])
double[] logits = [1, 2, 3];   // x = np.array([1, 2, 3]) for softmax

Compare("sigmoid", x, NumPyActivations.Sigmoid(x), Functional.Sigmoid);
Compare("relu", x, NumPyActivations.Relu(x), Functional.Relu, integer: true);
Compare("leaky_relu", x, NumPyActivations.LeakyRelu(x), t => Functional.LeakyRelu(t, 0.01));
Compare("softmax", logits, NumPyActivations.Softmax(logits), t => Functional.Softmax(t, 0));
Compare("tanh", x, NumPyActivations.Tanh(x), Functional.Tanh);

static void Compare(string name, double[] input, double[] fromScratch, Func<Tensor<double>, Tensor<double>> miniGrad, bool integer = false)
{
    var ours = miniGrad(Tensor.FromArray(input)).ToArray();
    double maxDiff = fromScratch.Zip(ours, (a, b) => Math.Abs(a - b)).Max();
    Console.WriteLine($"{name}({NumPyFormat.Array(input, integer: true)})");
    Console.WriteLine($"  from scratch: {NumPyFormat.Array(fromScratch, integer)}");
    Console.WriteLine($"  MiniGrad:     {Tensor.FromArray(ours)}");
    Console.WriteLine($"  max |difference| = {maxDiff:G3}");
}
