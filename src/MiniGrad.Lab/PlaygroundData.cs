using MiniGrad.Data;

namespace MiniGrad.Lab;

/// <summary>
/// A playground dataset: two features per sample and a class, split into a training and a test part. The points
/// lie roughly within ±<see cref="Extent"/>, the square the page draws.
/// </summary>
public sealed class PlaygroundData
{
    /// <summary>Half the side of the square the page draws; generated data lies inside it.</summary>
    public const double Extent = 3;

    private PlaygroundData(double[][] points, int[] labels, int trainCount, int classes, IReadOnlyList<string> classNames)
    {
        Points = points;
        Labels = labels;
        TrainCount = trainCount;
        Classes = classes;
        ClassNames = classNames;
    }

    /// <summary>Every sample's two features: the training samples first, then the test samples.</summary>
    public double[][] Points { get; }

    /// <summary>Every sample's class.</summary>
    public int[] Labels { get; }

    /// <summary>How many of the samples (the first ones) are for training.</summary>
    public int TrainCount { get; }

    /// <summary>How many classes there are (2, or 3 for iris).</summary>
    public int Classes { get; }

    /// <summary>The classes' names.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The samples from <paramref name="start"/> on, <paramref name="count"/> of them, as a [count, 2] tensor and their classes.</summary>
    public (Tensor<float> Inputs, int[] Targets) Part(int start, int count) =>
        Gather(Enumerable.Range(start, count).ToArray());

    /// <summary>The samples at <paramref name="indices"/> as a [n, 2] tensor and their classes.</summary>
    public (Tensor<float> Inputs, int[] Targets) Gather(int[] indices)
    {
        var data = new float[indices.Length * 2];
        var targets = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            data[2 * i] = (float)Points[indices[i]][0];
            data[2 * i + 1] = (float)Points[indices[i]][1];
            targets[i] = Labels[indices[i]];
        }
        return (Tensor<float>.FromArray(data, indices.Length, 2), targets);
    }

    /// <summary>Makes the dataset <paramref name="settings"/> describe (checked by <see cref="PlaygroundSettings.Problem"/> first).</summary>
    public static PlaygroundData Create(PlaygroundSettings settings)
    {
        var gen = new Generator((ulong)settings.Seed);
        var points = new List<double[]>();
        var labels = new List<int>();
        int n = settings.Samples;
        double noise = settings.Noise;
        IReadOnlyList<string> names = ["0", "1"];
        int classes = 2;
        void Add(double x, double y, int label)
        {
            points.Add([x + noise * gen.NextNormal(), y + noise * gen.NextNormal()]);
            labels.Add(label);
        }
        switch (settings.Dataset)
        {
            case "xor":
                for (int i = 0; i < n; i++)
                {
                    double x = gen.NextUniform(-2.5, 2.5), y = gen.NextUniform(-2.5, 2.5);
                    // A margin keeps the four quadrants apart at zero noise, as the Playground's xor does.
                    x += x > 0 ? 0.15 : -0.15;
                    y += y > 0 ? 0.15 : -0.15;
                    Add(x, y, x * y > 0 ? 0 : 1);
                }
                break;
            case "circle":
                for (int i = 0; i < n; i++)
                {
                    int label = i % 2;
                    double r = label == 0 ? gen.NextUniform(0, 1.2) : gen.NextUniform(1.8, 2.6);
                    double a = gen.NextUniform(0, 2 * Math.PI);
                    Add(r * Math.Cos(a), r * Math.Sin(a), label);
                }
                break;
            case "gaussians":
                for (int i = 0; i < n; i++)
                {
                    int label = i % 2;
                    double c = label == 0 ? -1.2 : 1.2;
                    Add(c + 0.6 * gen.NextNormal(), c + 0.6 * gen.NextNormal(), label);
                }
                break;
            case "spirals":
                for (int i = 0; i < n; i++)
                {
                    int label = i % 2;
                    double t = (double)(i / 2) / Math.Max(1, n / 2) * 1.75 * 2 * Math.PI;
                    double r = 0.2 + 2.4 * t / (1.75 * 2 * Math.PI);
                    double a = t + label * Math.PI;
                    Add(r * Math.Sin(a), r * Math.Cos(a), label);
                }
                break;
            case "iris":
            {
                var iris = Datasets.Iris<double>();
                int fx = settings.IrisFeatures[0], fy = settings.IrisFeatures[1];
                var cols = new[] { fx, fy }.Select(f => Enumerable.Range(0, iris.Count).Select(i => iris.Inputs[i, f]).ToArray()).ToArray();
                // Standardized so that the features share the drawn square; noise is added after.
                var z = cols.Select(c => { double m = c.Average(), s = Math.Sqrt(c.Select(v => (v - m) * (v - m)).Average()); return c.Select(v => (v - m) / s).ToArray(); }).ToArray();
                for (int i = 0; i < iris.Count; i++) Add(z[0][i], z[1][i], iris.Targets[i]);
                names = iris.ClassNames;
                classes = 3;
                break;
            }
            default: // points
                foreach (var p in settings.Points) { points.Add([p.X, p.Y]); labels.Add(p.Label); }
                break;
        }

        var order = gen.Permutation(points.Count);
        int train = Math.Clamp((int)Math.Round(points.Count * settings.TrainFraction), 1, points.Count - 1);
        return new PlaygroundData(order.Select(i => points[i]).ToArray(), order.Select(i => labels[i]).ToArray(), train, classes, names);
    }
}
