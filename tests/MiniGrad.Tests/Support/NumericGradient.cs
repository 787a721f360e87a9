namespace MiniGrad.Tests.Support;

/// <summary>Central-difference gradients of a scalar function of double tensors, the yardstick of the gradient tests.</summary>
public static class NumericGradient
{
    /// <summary>
    /// d f / d inputs[k] for each input, by (f(x + h) - f(x - h)) / 2h per element, evaluated with no tape recording.
    /// <paramref name="f"/> must return a one-element tensor and must not keep the inputs' buffers.
    /// </summary>
    public static double[][] Compute(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs, double h = 1e-6)
    {
        var result = new double[inputs.Length][];
        using var _ = MiniGrad.Tape.NoGrad();
        for (int k = 0; k < inputs.Length; k++)
        {
            var span = inputs[k].Span;
            result[k] = new double[span.Length];
            for (int i = 0; i < span.Length; i++)
            {
                double original = span[i];
                span[i] = original + h;
                double plus = f(inputs).Item();
                span[i] = original - h;
                double minus = f(inputs).Item();
                span[i] = original;
                result[k][i] = (plus - minus) / (2 * h);
            }
        }
        return result;
    }

    /// <summary>The tape's gradients of <paramref name="f"/> for each input (inputs are made to require grad).</summary>
    public static double[][] Analytic(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs)
    {
        foreach (var x in inputs)
        {
            x.RequiresGrad = true;
            x.Grad = null;
        }
        f(inputs).Backward();
        return inputs.Select(x => x.Grad?.ToArray() ?? new double[x.Length]).ToArray();
    }
}
