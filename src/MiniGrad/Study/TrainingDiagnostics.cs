using System.Numerics;
using MiniGrad.Nn;

namespace MiniGrad.Study;

/// <summary>
/// Watches a network train and reports, per epoch and per layer, the gradient norm, the fraction of dead ReLU units
/// and the fraction of saturated sigmoid / tanh outputs: the vanishing gradients and dying ReLUs the tutorials
/// describe, as numbers.
/// </summary>
/// <remarks>
/// <para>Use it in the training loop: run the forward pass through <see cref="Forward"/> (it applies the model's
/// children in order, as a <see cref="Sequential{T}"/> does, and looks at each activation's input and output), call
/// <see cref="AfterBackward"/> after each <c>Backward()</c> (before the optimizer step, while gradients are set), and
/// <see cref="EndEpoch"/> at the end of each epoch.</para>
/// <para>A layer is a child with parameters (Linear); the activation child that follows it is attached to it.
/// ReLU-like activations (Relu, Relu6, LeakyRelu, Prelu, Rrelu) are checked for dead units, Sigmoid and Tanh for
/// saturation; both are recognised by type name, so any module called that way counts.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class TrainingDiagnostics<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly HashSet<string> ReluLike = ["Relu", "Relu6", "LeakyRelu", "Prelu", "Rrelu"];
    private static readonly HashSet<string> Saturating = ["Sigmoid", "Tanh"];

    private readonly Module<T> model;
    private readonly List<Module<T>> children = [];
    private readonly List<Layer> layers = [];
    private readonly Dictionary<int, Watch> activationAt = []; // child index of an activation -> what it feeds

    /// <summary>Prepares to watch <paramref name="model"/> (usually a <see cref="Sequential{T}"/>).</summary>
    /// <param name="model">The network; its children, in order, must be what its Forward applies (true of Sequential).</param>
    /// <param name="saturationThreshold">A sigmoid output above it or below 1 minus it, a tanh output beyond ±it, counts as saturated.</param>
    public TrainingDiagnostics(Module<T> model, double saturationThreshold = 0.99)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!(saturationThreshold > 0.5 && saturationThreshold < 1))
            throw new ArgumentOutOfRangeException(nameof(saturationThreshold), saturationThreshold, "TrainingDiagnostics: the saturation threshold must be in (0.5, 1).");
        this.model = model;
        SaturationThreshold = saturationThreshold;
        if (model.NamedChildren.Count == 0)
        {
            layers.Add(new Layer(TypeName(model), model));
            return;
        }
        foreach (var (name, child) in model.NamedChildren)
        {
            children.Add(child);
            string type = TypeName(child);
            bool isActivation = ReluLike.Contains(type) || Saturating.Contains(type) || child.Parameters().Count == 0;
            if (isActivation && layers.Count > 0 && layers[^1].Activation is null)
            {
                var watch = new Watch(type, ReluLike.Contains(type), Saturating.Contains(type));
                layers[^1].Activation = watch;
                activationAt[children.Count - 1] = watch;
            }
            else if (!isActivation)
            {
                var first = child.Parameters()[0];
                layers.Add(new Layer($"{name} {type} {first.Shape}", child));
            }
        }
    }

    /// <summary>The saturation threshold in use.</summary>
    public double SaturationThreshold { get; }

    /// <summary>The health of every finished epoch so far.</summary>
    public List<EpochHealth> History { get; } = [];

    /// <summary>Runs the model's children in order on <paramref name="input"/>, watching every activation, and returns the output.</summary>
    public Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (children.Count == 0) return model.Forward(input);
        var x = input;
        for (int i = 0; i < children.Count; i++)
        {
            var y = children[i].Forward(x);
            if (activationAt.TryGetValue(i, out var watch)) Observe(watch, x, y);
            x = y;
        }
        return x;
    }

    /// <summary>
    /// Records one activation's input and output for a layer watched under <paramref name="layerIndex"/>, for loops
    /// that do not go through <see cref="Forward"/>.
    /// </summary>
    public void ObserveActivation(int layerIndex, Tensor<T> input, Tensor<T> output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if ((uint)layerIndex >= (uint)layers.Count)
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex, $"TrainingDiagnostics: there are {layers.Count} layers.");
        var watch = layers[layerIndex].Activation
            ?? throw new InvalidOperationException($"TrainingDiagnostics: layer {layers[layerIndex].Name} has no activation after it.");
        Observe(watch, input, output);
    }

    /// <summary>Adds each layer's current gradient norm to the epoch's average; call after <c>Backward()</c>, before the optimizer step.</summary>
    public void AfterBackward()
    {
        foreach (var layer in layers)
        {
            double sum = 0;
            foreach (var p in layer.Module.Parameters())
            {
                if (p.Grad is not { } g) continue;
                foreach (var v in g.ReadOnlySpan)
                {
                    double d = double.CreateChecked(v);
                    sum += d * d;
                }
            }
            layer.NormSum += Math.Sqrt(sum);
            layer.Steps++;
        }
    }

    /// <summary>Closes epoch <paramref name="epoch"/>: returns its health (also added to <see cref="History"/>) and starts counting afresh.</summary>
    public EpochHealth EndEpoch(int epoch)
    {
        var result = new List<LayerHealth>(layers.Count);
        foreach (var layer in layers)
        {
            var w = layer.Activation;
            double? dead = w is { ReluLike: true, Alive: { } alive } ? alive.Count(a => !a) / (double)alive.Length : null;
            double? saturated = w is { Saturating: true, Total: > 0 } ? w.SaturatedCount / (double)w.Total : null;
            result.Add(new LayerHealth(layer.Name, layer.Steps == 0 ? double.NaN : layer.NormSum / layer.Steps, w?.Type, dead, saturated));
            layer.NormSum = 0;
            layer.Steps = 0;
            w?.Reset();
        }
        var health = new EpochHealth(epoch, result);
        History.Add(health);
        return health;
    }

    private void Observe(Watch watch, Tensor<T> input, Tensor<T> output)
    {
        int units = output.Rank == 0 ? 1 : output.Shape[-1];
        var x = input.ReadOnlySpan;
        var y = output.ReadOnlySpan;
        if (watch.ReluLike)
        {
            if (watch.Alive is null || watch.Alive.Length != units) watch.Alive = new bool[units];
            // A unit is alive once its input is positive for one sample (for ReLU: once it outputs non-zero).
            for (int i = 0; i < x.Length; i++) if (x[i] > T.Zero) watch.Alive[i % units] = true;
        }
        if (watch.Saturating)
        {
            T hi = T.CreateChecked(SaturationThreshold);
            T lo = watch.Type == "Sigmoid" ? T.One - hi : -hi;
            long n = 0;
            foreach (var v in y) if (v > hi || v < lo) n++;
            watch.SaturatedCount += n;
            watch.Total += y.Length;
        }
    }

    private static string TypeName(Module<T> m)
    {
        string n = m.GetType().Name;
        int tick = n.IndexOf('`');
        return tick < 0 ? n : n[..tick];
    }

    private sealed class Layer(string name, Module<T> module)
    {
        public string Name { get; } = name;

        public Module<T> Module { get; } = module;

        public Watch? Activation { get; set; }

        public double NormSum { get; set; }

        public int Steps { get; set; }
    }

    private sealed class Watch(string type, bool reluLike, bool saturating)
    {
        public string Type { get; } = type;

        public bool ReluLike { get; } = reluLike;

        public bool Saturating { get; } = saturating;

        public bool[]? Alive { get; set; }

        public long SaturatedCount { get; set; }

        public long Total { get; set; }

        public void Reset()
        {
            Alive = null;
            SaturatedCount = 0;
            Total = 0;
        }
    }
}
