using System.Numerics;

namespace MiniGrad;

/// <summary>Gradients as values, without touching any tensor's <c>Grad</c> (PyTorch's <c>torch.autograd.grad</c>).</summary>
public static class Autograd
{
    /// <summary>
    /// The gradient of <paramref name="output"/> with respect to each of <paramref name="inputs"/> (null for an input
    /// the output does not depend on).
    /// </summary>
    /// <param name="output">The tensor to differentiate.</param>
    /// <param name="inputs">The tensors to differentiate with respect to.</param>
    /// <param name="gradOutput">The upstream gradient; may be omitted for a one-element output.</param>
    /// <param name="retainGraph">Keep the tape entries for another pass; defaults to <paramref name="createGraph"/>.</param>
    /// <param name="createGraph">Record the backward pass so the returned gradients can be differentiated again.</param>
    public static Tensor<T>?[] Grad<T>(Tensor<T> output, IReadOnlyList<Tensor<T>> inputs, Tensor<T>? gradOutput = null,
        bool? retainGraph = null, bool createGraph = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
            if (!inputs[i].RequiresGrad)
                throw new ArgumentException($"Autograd.Grad: input {i} (shape {inputs[i].Shape}) does not require grad.", nameof(inputs));
        return BackwardEngine.Run(output, gradOutput, retainGraph ?? createGraph, createGraph, inputs)!;
    }

    /// <summary>
    /// Opens anomaly mode on this thread until the returned scope is disposed (PyTorch's
    /// <c>torch.autograd.detect_anomaly()</c>): ops record where they were created, and a backward pass throws at the
    /// first gradient holding NaN or infinity, naming the op, the input, the shape and the line that created the op.
    /// <c>using (Autograd.DetectAnomaly()) { var loss = ...; loss.Backward(); }</c>.
    /// </summary>
    /// <remarks>Slow (a stack trace per op, a scan per gradient): for finding where a NaN comes from, not for training.</remarks>
    public static AnomalyScope DetectAnomaly()
    {
        AnomalyMode.Depth++;
        return new AnomalyScope(AnomalyMode.Depth, Environment.CurrentManagedThreadId);
    }

    /// <summary>True while an <see cref="DetectAnomaly"/> scope is open on this thread.</summary>
    public static bool IsAnomalyEnabled => AnomalyMode.Depth > 0;

    /// <summary>Closes an anomaly scope when disposed; a struct, so opening one allocates nothing.</summary>
    public readonly struct AnomalyScope : IDisposable
    {
        private readonly int depth;
        private readonly int threadId;

        internal AnomalyScope(int depth, int threadId) => (this.depth, this.threadId) = (depth, threadId);

        /// <summary>Ends the scope.</summary>
        /// <exception cref="InvalidOperationException">Disposed on another thread, or while a scope opened inside it is still open.</exception>
        public void Dispose() =>
            ThreadScope.Close(ref AnomalyMode.Depth, depth, threadId, "Autograd.DetectAnomaly", "anomaly mode is per thread.");
    }
}
