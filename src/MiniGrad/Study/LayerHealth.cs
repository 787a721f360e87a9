namespace MiniGrad.Study;

/// <summary>One layer's health over one epoch, as <see cref="TrainingDiagnostics{T}"/> measures it.</summary>
/// <param name="Layer">The layer: its child name and type, such as <c>0 Linear [18, 10]</c> (the shape of its first parameter).</param>
/// <param name="GradNorm">The L2 norm of the gradients of all the layer's parameters together, averaged over the epoch's backward passes (NaN when there was none).</param>
/// <param name="Activation">The activation applied to the layer's output (its type name), or null when none follows.</param>
/// <param name="DeadFraction">
/// For ReLU-like activations, the fraction of units whose input was &lt;= 0 for every sample of the epoch: a ReLU
/// unit that output 0 on every sample passes no gradient, so its weights stop learning. Null for other activations.
/// </param>
/// <param name="SaturatedFraction">
/// For sigmoid and tanh, the fraction of all outputs of the epoch (samples × units) in the flat tails, where the
/// derivative is nearly 0: sigmoid &lt; 1 - t or &gt; t, |tanh| &gt; t, with t the threshold (0.99 by default). Null for other activations.
/// </param>
public sealed record LayerHealth(string Layer, double GradNorm, string? Activation, double? DeadFraction, double? SaturatedFraction);

/// <summary>All layers' health over one epoch.</summary>
/// <param name="Epoch">The epoch number (from 1).</param>
/// <param name="Layers">One entry per layer with parameters, input side first.</param>
public sealed record EpochHealth(int Epoch, IReadOnlyList<LayerHealth> Layers)
{
    /// <summary>A plain-text table: layer, gradient norm, activation, dead and saturated percentages.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("epoch ").Append(Epoch).Append('\n');
        var t = new TextTable("layer", "grad norm", "activation", "dead", "saturated");
        foreach (var l in Layers)
            t.Add(l.Layer, TrainingDiagnosticsFormat.Norm(l.GradNorm), l.Activation ?? "-",
                TrainingDiagnosticsFormat.Percent(l.DeadFraction), TrainingDiagnosticsFormat.Percent(l.SaturatedFraction));
        t.AppendTo(sb);
        return sb.ToString();
    }
}

/// <summary>How the diagnostics print their numbers (shared by the text table and the command line).</summary>
public static class TrainingDiagnosticsFormat
{
    /// <summary>A gradient norm in scientific notation with three significant digits (they span many decades).</summary>
    public static string Norm(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00e+00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal, or "-" when not measured.</summary>
    public static string Percent(double? f) =>
        f is { } v ? (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "-";
}
