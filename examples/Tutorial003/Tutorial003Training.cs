using System.Numerics;
using MiniGrad.Nn;
using MiniGrad.Optim;

namespace MiniGrad.Examples;

/// <summary>
/// Tutorial 003's training script, step for step: synthetic data <c>X = randn(100, 10)</c>, <c>y = randn(100, 1)</c>,
/// then the model, MSE, Adam(lr 0.001), and mini-batches of 10 taken in order for each epoch.
/// </summary>
/// <remarks>
/// With <c>Generator.PyTorchCompatible(seed)</c> (PyTorch's <c>torch.manual_seed(seed)</c>), X, y and the initial
/// weights are PyTorch's to the last bit, and the printed losses are PyTorch's.
/// </remarks>
public static class Tutorial003Training
{
    /// <summary>The tutorial's hyperparameters.</summary>
    public const int NumSamples = 100, BatchSize = 10, NumEpochs = 150;

    /// <summary>The tutorial's learning rate.</summary>
    public const double LearningRate = 0.001;

    /// <summary>
    /// Generates the data, builds the model and trains it; after each epoch <paramref name="onEpoch"/> gets the
    /// epoch number and the loss of the epoch's last mini-batch (what the tutorial prints).
    /// </summary>
    public static (Tensor<T> X, Tensor<T> Y, SimpleModel<T> Model, Dictionary<string, Tensor<T>> Initial) Run<T>(
        string activation, Generator generator, int numEpochs = NumEpochs, Action<int, Tensor<T>>? onEpoch = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // Generate synthetic data
        var X = Tensor<T>.RandomNormal(generator, NumSamples, 10);
        var y = Tensor<T>.RandomNormal(generator, NumSamples, 1);

        // Initialize the model, define loss function and optimizer
        var model = new SimpleModel<T>(activation, generator);
        var initial = model.StateDict();
        var criterion = new MseLoss();
        var optimizer = new Adam<T>(model.Parameters(), lr: LearningRate);

        // Training loop
        for (int epoch = 0; epoch < numEpochs; epoch++)
        {
            Tensor<T> loss = null!;
            for (int i = 0; i < NumSamples; i += BatchSize)
            {
                // Get the mini-batch
                var inputs = X.SliceRows(i, BatchSize);
                var labels = y.SliceRows(i, BatchSize);

                // Zero the parameter gradients
                optimizer.ZeroGrad();

                // Forward pass
                var outputs = model.Forward(inputs);

                // Compute the loss
                loss = criterion.Forward(outputs, labels);

                // Backward pass and optimize
                loss.Backward();
                optimizer.Step();
            }
            onEpoch?.Invoke(epoch + 1, loss);
        }
        return (X, y, model, initial);
    }
}
