using System.Numerics;

namespace MiniGrad.Cli.Training;

/// <summary>
/// The inputs and targets of a training task: regression targets in <see cref="Y"/>, or class indices in
/// <see cref="Labels"/> for classification.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Dataset<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Dataset(Tensor<T> x, Tensor<T>? y, int[]? labels, int outputs)
    {
        X = x;
        Y = y;
        Labels = labels;
        Outputs = outputs;
    }

    /// <summary>The inputs, [samples, features].</summary>
    public Tensor<T> X { get; }

    /// <summary>Regression targets, [samples, outputs]; null for classification.</summary>
    public Tensor<T>? Y { get; }

    /// <summary>Class indices, one per sample; null for regression.</summary>
    public int[]? Labels { get; }

    /// <summary>True for classification (softmax and cross entropy), false for regression (MSE).</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>The number of samples.</summary>
    public int Samples => X.Shape[0];

    /// <summary>The number of input features.</summary>
    public int Features => X.Shape[1];

    /// <summary>The network's output size: the target size, or the number of classes.</summary>
    public int Outputs { get; }

    /// <summary>The input and output widths of <paramref name="task"/>'s network.</summary>
    public static (int Features, int Outputs) Shape(TrainingTask task) => task switch
    {
        TrainingTask.Random => (10, 1),
        TrainingTask.Sine => (1, 1),
        TrainingTask.Iris => (4, 3),
        TrainingTask.Digits => (64, 10),
        _ => (2, 2),
    };

    /// <summary>Generates <paramref name="samples"/> samples of <paramref name="task"/> from <paramref name="generator"/>.</summary>
    public static Dataset<T> Create(TrainingTask task, int samples, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        switch (task)
        {
            case TrainingTask.Random:
                // The tutorial: X = torch.randn(n, 10), y = torch.randn(n, 1).
                var xr = Tensor<T>.RandomNormal(generator, samples, 10);
                var yr = Tensor<T>.RandomNormal(generator, samples, 1);
                return new Dataset<T>(xr, yr, null, 1);
            case TrainingTask.Sine:
            {
                var x = Tensor<T>.RandomUniform(generator, -Math.PI, Math.PI, samples, 1);
                var y = Tensor<T>.Zeros(samples, 1);
                for (int i = 0; i < samples; i++) y.Span[i] = T.Sin(x.Span[i]);
                return new Dataset<T>(x, y, null, 1);
            }
            case TrainingTask.Xor:
            {
                var x = Tensor<T>.RandomUniform(generator, -1, 1, samples, 2);
                var labels = new int[samples];
                for (int i = 0; i < samples; i++)
                    labels[i] = (x.Span[2 * i] > T.Zero) ^ (x.Span[2 * i + 1] > T.Zero) ? 1 : 0;
                return new Dataset<T>(x, null, labels, 2);
            }
            case TrainingTask.Spirals:
            {
                // Two spirals of 1.5 turns, one the other turned by π, with a little noise; classes alternate so
                // every mini-batch sees both.
                var x = Tensor<T>.Zeros(samples, 2);
                var labels = new int[samples];
                for (int i = 0; i < samples; i++)
                {
                    int c = i % 2;
                    double t = generator.NextDouble();
                    double r = 0.1 + 0.9 * t, angle = 3 * Math.PI * t + c * Math.PI;
                    x.Span[2 * i] = T.CreateChecked(r * Math.Cos(angle) + 0.02 * generator.NextNormal());
                    x.Span[2 * i + 1] = T.CreateChecked(r * Math.Sin(angle) + 0.02 * generator.NextNormal());
                    labels[i] = c;
                }
                return new Dataset<T>(x, null, labels, 2);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(task), $"unknown task {task}.");
        }
    }
}
