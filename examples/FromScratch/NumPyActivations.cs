namespace MiniGrad.Examples;

/// <summary>
/// Tutorial 002's NumPy implementations, written as plain loops over doubles (NumPy's float64). Each line says
/// which NumPy expression it stands for.
/// </summary>
public static class NumPyActivations
{
    /// <summary><c>1 / (1 + np.exp(-x))</c></summary>
    public static double[] Sigmoid(double[] x)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = 1 / (1 + Math.Exp(-x[i]));
        return y;
    }

    /// <summary><c>np.maximum(0, x)</c></summary>
    public static double[] Relu(double[] x)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = Math.Max(0, x[i]);
        return y;
    }

    /// <summary><c>np.where(x &gt; 0, x, alpha * x)</c></summary>
    public static double[] LeakyRelu(double[] x, double alpha = 0.01)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i];
        return y;
    }

    /// <summary><c>exp_x = np.exp(x - np.max(x)); exp_x / exp_x.sum(axis=0)</c>: subtracting the maximum keeps exp from overflowing.</summary>
    public static double[] Softmax(double[] x)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++) max = Math.Max(max, x[i]);
        var expX = new double[x.Length];
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            expX[i] = Math.Exp(x[i] - max);
            sum += expX[i];
        }
        for (int i = 0; i < x.Length; i++) expX[i] /= sum;
        return expX;
    }

    /// <summary><c>np.tanh(x)</c></summary>
    public static double[] Tanh(double[] x)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = Math.Tanh(x[i]);
        return y;
    }
}
