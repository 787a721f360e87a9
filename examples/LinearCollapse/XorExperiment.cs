using MiniGrad.Nn;
using MiniGrad.Optim;

namespace MiniGrad.Examples;

/// <summary>
/// Trains a network on XOR's four points (full batch, binary cross entropy on the logit, Adam) and measures its
/// accuracy. No linear map separates XOR, so a network without activations gets at most 3 of 4 points right.
/// </summary>
public static class XorExperiment
{
    /// <summary>The four inputs (0,0), (0,1), (1,0), (1,1).</summary>
    public static Tensor<double> Inputs() => Tensor.FromArray(new double[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);

    /// <summary>XOR of each input: 0, 1, 1, 0.</summary>
    public static Tensor<double> Targets() => Tensor.FromArray(new double[] { 0, 1, 1, 0 }, 4, 1);

    /// <summary>Trains <paramref name="model"/> for <paramref name="steps"/> Adam steps and returns the final loss and accuracy.</summary>
    public static (double Loss, double Accuracy) Train(Module<double> model, int steps, double lr = 0.01)
    {
        ArgumentNullException.ThrowIfNull(model);
        var x = Inputs();
        var y = Targets();
        var criterion = new BceWithLogitsLoss();
        var optimizer = new Adam<double>(model.Parameters(), lr: lr);
        for (int step = 0; step < steps; step++)
        {
            optimizer.ZeroGrad();
            var loss = criterion.Forward(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
        }
        using var _ = Tape.NoGrad();
        var logits = model.Forward(x);
        double finalLoss = criterion.Forward(logits, y).Item();
        return (finalLoss, Accuracy(logits, y));
    }

    /// <summary>The fraction of points whose predicted class (logit &gt; 0) is the target.</summary>
    public static double Accuracy(Tensor<double> logits, Tensor<double> targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        var l = logits.ToArray();
        var t = targets.ToArray();
        int correct = 0;
        for (int i = 0; i < l.Length; i++) if ((l[i] > 0 ? 1.0 : 0.0) == t[i]) correct++;
        return (double)correct / l.Length;
    }
}
