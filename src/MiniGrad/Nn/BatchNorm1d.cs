using System.Globalization;
using System.Numerics;

namespace MiniGrad.Nn;

/// <summary>
/// Batch normalization over a batch of feature vectors [N, C] or of sequences [N, C, L], as PyTorch's
/// <c>nn.BatchNorm1d</c>: each channel is normalized with the batch's statistics in training mode and with the running
/// statistics in evaluation mode, then scaled and shifted by a learned <see cref="Weight"/> and <see cref="Bias"/>.
/// </summary>
/// <remarks>
/// <para>Formula per channel c, over the <c>n = N·L</c> values of the batch: <c>μ = Σx/n</c>, <c>σ² = Σ(x - μ)²/n</c>
/// (the biased variance), <c>y = (x - μ)/√(σ² + eps) · weight + bias</c>. Derivative in training mode, with
/// <c>g = dy · weight</c> and <c>x̂</c> the normalized input: <c>dx = (g - mean(g) - x̂ · mean(g · x̂))/√(σ² + eps)</c>,
/// the means over the batch; <c>dweight = Σ dy · x̂</c>, <c>dbias = Σ dy</c>. In evaluation mode μ and σ² are the
/// running buffers, constants, so <c>dx = g/√(running_var + eps)</c>. Composed of differentiable ops, so gradients of
/// gradients work.</para>
/// <para>Buffers (in the state dict after <c>weight</c> and <c>bias</c>, as PyTorch): <c>running_mean</c> (zeros),
/// <c>running_var</c> (ones) and <c>num_batches_tracked</c> (a 0-d tensor). Each training-mode forward, outside the
/// tape, adds 1 to <c>num_batches_tracked</c> and sets <c>running = (1 - m)·running + m·batch</c>, where the batch
/// variance is the unbiased one, <c>Σ(x - μ)²/(n - 1)</c>, as PyTorch; <c>m</c> is <see cref="Momentum"/>, or
/// <c>1/num_batches_tracked</c> (a cumulative average) when the momentum is null.</para>
/// <para>Departure from PyTorch: <c>num_batches_tracked</c> is a tensor of <typeparamref name="T"/> holding the count
/// (PyTorch's is int64), so in float it counts exactly only up to 2^24 batches.</para>
/// <para>Without running statistics (<c>trackRunningStats: false</c>) there are no buffers and the batch's
/// statistics are used in both modes, as PyTorch. A batch with one value per channel (N·L = 1) is refused where the
/// batch statistics are used.</para>
/// </remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class BatchNorm1d<T> : Module<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">The number of channels C (the input's dim 1).</param>
    /// <param name="eps">Added to the variance before the square root.</param>
    /// <param name="momentum">The weight of the new batch in the running statistics; null for a cumulative average.</param>
    /// <param name="affine">Whether to learn a weight (ones) and a bias (zeros).</param>
    /// <param name="trackRunningStats">Whether to keep running statistics (used in evaluation mode).</param>
    /// <exception cref="ArgumentOutOfRangeException">numFeatures is not positive, eps is negative, or momentum is NaN.</exception>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), $"BatchNorm1d: eps ({eps}) must be 0 or positive.");
        if (momentum is double mo && double.IsNaN(mo)) throw new ArgumentOutOfRangeException(nameof(momentum), "BatchNorm1d: momentum is NaN.");
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor<T>.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor<T>.Zeros(numFeatures));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor<T>.Zeros(numFeatures));
            RunningVar = RegisterBuffer("running_var", Tensor<T>.Ones(numFeatures));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor<T>.Scalar(T.Zero));
        }
    }

    /// <summary>The number of channels.</summary>
    public int NumFeatures { get; }

    /// <summary>The value added to the variance.</summary>
    public double Eps { get; }

    /// <summary>The weight of each new batch in the running statistics, or null for a cumulative average.</summary>
    public double? Momentum { get; }

    /// <summary>The learned scale [C], or null when created with <c>affine: false</c>.</summary>
    public Tensor<T>? Weight { get; }

    /// <summary>The learned shift [C], or null when created with <c>affine: false</c>.</summary>
    public Tensor<T>? Bias { get; }

    /// <summary>The running mean [C] (buffer <c>running_mean</c>), or null without running statistics.</summary>
    public Tensor<T>? RunningMean { get; }

    /// <summary>The running unbiased variance [C] (buffer <c>running_var</c>), or null without running statistics.</summary>
    public Tensor<T>? RunningVar { get; }

    /// <summary>The number of training-mode batches seen, a 0-d tensor (buffer <c>num_batches_tracked</c>), or null without running statistics.</summary>
    public Tensor<T>? NumBatchesTracked { get; }

    /// <summary>Normalizes <paramref name="input"/> [N, C] or [N, C, L]; the output has the input's shape.</summary>
    /// <exception cref="ArgumentException">The input is not [N, C] or [N, C, L] with C = <see cref="NumFeatures"/>,
    /// or it has one value per channel where batch statistics are needed.</exception>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank is not (2 or 3))
            throw new ArgumentException($"BatchNorm1d: expected 2D or 3D input (got {input.Rank}D input of shape {input.Shape}).", nameof(input));
        if (input.Shape[1] != NumFeatures)
            throw new ArgumentException($"BatchNorm1d: input of shape {input.Shape} has {input.Shape[1]} channels in dim 1, not {NumFeatures}.", nameof(input));
        bool sequence = input.Rank == 3;
        // Per-channel tensors broadcast as [C] against [N, C] and as [C, 1] against [N, C, L].
        TensorShape channel = sequence ? new TensorShape(NumFeatures, 1) : new TensorShape(NumFeatures);
        T eps = T.CreateChecked(Eps);
        Tensor<T> normalized;
        if (Training || RunningMean is null)
        {
            int n = input.Length / NumFeatures;
            if (n <= 1)
                throw new ArgumentException($"BatchNorm1d: Expected more than 1 value per channel when training, got input size {input.Shape}.", nameof(input));
            var mean = ChannelMean(input, sequence);
            var centered = input - mean;
            var variance = ChannelMean(centered * centered, sequence);
            normalized = centered * (variance + eps).Rsqrt();
            if (Training && RunningMean is not null) UpdateRunningStats(mean, variance, n);
        }
        else
        {
            normalized = (input - RunningMean.Reshape(channel)) * (RunningVar!.Reshape(channel) + eps).Rsqrt();
        }
        return Weight is null ? normalized : normalized * Weight.Reshape(channel) + Bias!.Reshape(channel);
    }

    /// <summary>The mean over every dim but the channel's, kept as [1, C] or [1, C, 1].</summary>
    private static Tensor<T> ChannelMean(Tensor<T> x, bool sequence) =>
        sequence ? x.Mean(2, keepDim: true).Mean(0, keepDim: true) : x.Mean(0, keepDim: true);

    private void UpdateRunningStats(Tensor<T> mean, Tensor<T> variance, int n)
    {
        using (Tape.NoGrad())
        {
            var count = NumBatchesTracked!.Span;
            count[0] += T.One;
            double m = Momentum ?? 1.0 / double.CreateChecked(count[0]);
            var batchMean = mean.ReadOnlySpan;
            var batchVar = variance.ReadOnlySpan;
            var runningMean = RunningMean!.Span;
            var runningVar = RunningVar!.Span;
            double unbiased = (double)n / (n - 1);
            for (int c = 0; c < NumFeatures; c++)
            {
                runningMean[c] = T.CreateChecked(m * double.CreateChecked(batchMean[c]) + (1 - m) * double.CreateChecked(runningMean[c]));
                runningVar[c] = T.CreateChecked(m * double.CreateChecked(batchVar[c]) * unbiased + (1 - m) * double.CreateChecked(runningVar[c]));
            }
        }
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation() =>
        string.Create(CultureInfo.InvariantCulture,
            $"numFeatures: {NumFeatures}, eps: {Eps:R}, momentum: {(Momentum is double m ? m.ToString("R", CultureInfo.InvariantCulture) : "None")}, affine: {(Weight is null ? "False" : "True")}, trackRunningStats: {(RunningMean is null ? "False" : "True")}");
}
