// Tutorial 000 (SimpleNN with ReLU, ReLU6, LeakyReLU, Sigmoid, Tanh and Softmax), twin of:
//     torch.manual_seed(0); model = SimpleNN(); print(model); print(model(torch.randn(4, 10)))
// With Generator.PyTorchCompatible(0) the weights and the input are PyTorch's, bit for bit.
using MiniGrad;
using MiniGrad.Examples;

foreach (string activation in SimpleNN.Activations)
{
    var generator = Generator.PyTorchCompatible(0);   // torch.manual_seed(0)
    var model = new SimpleNN(activation, generator);  // model = SimpleNN()
    var x = Tensor<float>.RandomNormal(generator, 4, 10);

    Console.WriteLine($"# {activation}");
    Console.WriteLine(model);
    using (Tape.NoGrad())
        Console.WriteLine(model.Forward(x));
    Console.WriteLine();
}
