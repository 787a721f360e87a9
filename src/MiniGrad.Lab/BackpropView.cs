using MiniGrad.Study;

namespace MiniGrad.Lab;

/// <summary>
/// One sample's forward and backward pass as the backprop view steps through it: <see cref="TapeExplanation"/>'s
/// listings in JSON-friendly form (shapes as arrays), plus its text exactly as <c>ToString()</c> prints it.
/// </summary>
/// <param name="Input">The sample's two features.</param>
/// <param name="Target">The sample's class.</param>
/// <param name="Root">The label of the loss.</param>
/// <param name="Forward">The ops in execution order.</param>
/// <param name="Backward">The ops in the order backward ran them.</param>
/// <param name="Leaves">The leaves (input, weights, biases) with the gradients they received.</param>
/// <param name="Text">The explanation as <c>TapeExplanation.ToString()</c> prints it.</param>
/// <param name="Update">The step the run's optimizer would take with this sample's gradients.</param>
public sealed record BackpropView(double[] Input, int Target, string Root, IReadOnlyList<BackpropView.ForwardEntry> Forward,
    IReadOnlyList<BackwardStep> Backward, IReadOnlyList<BackpropView.Leaf> Leaves, string Text, OptimizerUpdate Update)
{
    /// <summary>One forward op.</summary>
    /// <param name="Step">Its step number (the tape's order).</param>
    /// <param name="Op">The op with its non-tensor arguments.</param>
    /// <param name="Inputs">Its inputs' labels with shapes.</param>
    /// <param name="Output">Its output's label.</param>
    /// <param name="Shape">Its output's shape.</param>
    /// <param name="Values">Its output's values.</param>
    public sealed record ForwardEntry(int Step, string Op, IReadOnlyList<string> Inputs, string Output, int[] Shape, IReadOnlyList<double> Values);

    /// <summary>One leaf and what backward gave it.</summary>
    /// <param name="Name">Its label.</param>
    /// <param name="Shape">Its shape.</param>
    /// <param name="Received">The gradient it received, or null when it asked for none.</param>
    public sealed record Leaf(string Name, int[] Shape, IReadOnlyList<double>? Received);

    /// <summary>The view of <paramref name="explanation"/> for the sample <paramref name="input"/> of class <paramref name="target"/>, with the optimizer's <paramref name="update"/>.</summary>
    public static BackpropView Create(TapeExplanation explanation, double[] input, int target, OptimizerUpdate update)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        return new BackpropView(input, target, explanation.Root,
            explanation.Forward.Select(f => new ForwardEntry(f.Step, f.Op, f.Inputs, f.Output, f.Shape.Dims.ToArray(), f.Values)).ToArray(),
            explanation.Backward,
            explanation.Leaves.Select(l => new Leaf(l.Leaf, l.Shape.Dims.ToArray(), l.Received)).ToArray(),
            explanation.ToString(), update);
    }
}
