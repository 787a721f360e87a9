using System.Numerics;

namespace MiniGrad.Study;

/// <summary>
/// The backward observer behind <see cref="TapeExplainer"/>: copies every gradient it sees (the explained
/// computations are small) and probes each op's backward for its local derivative.
/// </summary>
internal sealed class ExplainRecorder<T> : IBackwardObserver
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>What one op's backward did.</summary>
    public sealed record StepRecord(double[] Upstream, double[]?[] InputGrads, double[]?[] Local);

    /// <summary>The gradient a tensor received, summed over deliveries, before and after its hooks.</summary>
    public sealed class Received
    {
        public required double[] Incoming;
        public required double[] AfterHooks;
        public bool Replaced;
    }

    public Dictionary<ITapeEntry, StepRecord> Steps { get; } = new(ReferenceEqualityComparer.Instance);

    public Dictionary<ITensor, Received> Gradients { get; } = new(ReferenceEqualityComparer.Instance);

    public void OnGradient(ITensor tensor, ITensor incoming, ITensor afterHooks)
    {
        var inc = ValueFormat.Snapshot(incoming);
        var after = ReferenceEquals(incoming, afterHooks) ? inc : ValueFormat.Snapshot(afterHooks);
        if (!Gradients.TryGetValue(tensor, out var r))
        {
            Gradients[tensor] = new Received { Incoming = inc, AfterHooks = (double[])after.Clone(), Replaced = !ReferenceEquals(incoming, afterHooks) };
            return;
        }
        // A leaf used by several ops receives one gradient per use; Grad gets their sum.
        for (int i = 0; i < inc.Length; i++)
        {
            r.Incoming[i] += inc[i];
            r.AfterHooks[i] += after[i];
        }
        r.Replaced |= !ReferenceEquals(incoming, afterHooks);
    }

    public void OnStep(ITapeEntry entry, ITensor gradOutput, IReadOnlyList<ITensor?> inputGrads)
    {
        var grads = new double[]?[inputGrads.Count];
        for (int j = 0; j < grads.Length; j++) grads[j] = inputGrads[j] is { } g ? ValueFormat.Snapshot(g) : null;
        var local = entry is Function<T> fn ? LocalDerivatives(fn) : new double[]?[grads.Length];
        Steps[entry] = new StepRecord(ValueFormat.Snapshot(gradOutput), grads, local);
    }

    /// <summary>
    /// d(output)/d(input) per input element, where that is well defined as one number per element. The op's backward
    /// is run with an all-ones upstream gradient and again with varied positive weights r: for an elementwise op the
    /// second result is r times the first, elementwise; for anything that mixes elements (matmul, softmax, a
    /// transpose) it is not, and no local derivative is reported. A one-element output always has one: the
    /// backward of ones is then exactly its gradient.
    /// </summary>
    private static double[]?[] LocalDerivatives(Function<T> fn)
    {
        var inputs = fn.Inputs;
        var result = new double[]?[inputs.Count];
        var outShape = fn.Output.Shape;
        Span<bool> needs = stackalloc bool[inputs.Count];
        for (int j = 0; j < inputs.Count; j++) needs[j] = inputs[j].RequiresGrad;

        Tensor<T>?[] ones, weighted;
        var r = Tensor<T>.Allocate(outShape, clear: false);
        var rs = r.Span;
        for (int i = 0; i < rs.Length; i++) rs[i] = T.CreateChecked(0.5 + (i * 0.6180339887498949 % 1.0));
        using (Tape.NoGrad())
        {
            ones = fn.Backward(Tensor<T>.Ones(outShape), needs);
            weighted = fn.Backward(r, needs);
        }

        for (int j = 0; j < inputs.Count; j++)
        {
            if (!needs[j] || ones[j] is not { } d1 || weighted[j] is not { } d2) continue;
            if (outShape.Length == 1)
            {
                result[j] = ValueFormat.Snapshot(d1);
                continue;
            }
            if (inputs[j].Shape != outShape) continue;
            var a = ValueFormat.Snapshot(d1);
            var b = ValueFormat.Snapshot(d2);
            bool elementwise = true;
            double tol = typeof(T) == typeof(float) ? 1e-5 : 1e-12;
            for (int i = 0; i < a.Length && elementwise; i++)
            {
                double expected = a[i] * double.CreateChecked(rs[i]);
                elementwise = Math.Abs(b[i] - expected) <= tol * (Math.Abs(b[i]) + Math.Abs(expected)) + 1e-300;
            }
            if (elementwise) result[j] = a;
        }
        return result;
    }
}
