using System.Text;

namespace MiniGrad.Study;

/// <summary>
/// The forward and backward listings of one computation, made by <see cref="TapeExplainer"/>. <see cref="ToString"/>
/// prints them as three plain-text tables (forward, backward, leaves).
/// </summary>
/// <param name="Root">The label of the differentiated tensor.</param>
/// <param name="Forward">The ops in execution order.</param>
/// <param name="Backward">The ops in the order the backward pass ran them (reverse execution order).</param>
/// <param name="Leaves">The leaves with the gradients they received.</param>
public sealed record TapeExplanation(string Root, IReadOnlyList<ForwardStep> Forward, IReadOnlyList<BackwardStep> Backward,
    IReadOnlyList<LeafGradient> Leaves)
{
    /// <summary>The listings as text (values abbreviated to their first four elements).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Forward: ").Append(Forward.Count).Append(Forward.Count == 1 ? " op" : " ops")
            .Append(" on the path to ").Append(Root).Append('\n');
        var f = new TextTable("step", "op", "inputs", "output", "shape", "values");
        foreach (var s in Forward)
            f.Add(s.Step.ToString(Inv), s.Op, string.Join(", ", s.Inputs), s.Output, s.Shape.ToString(), ValueFormat.Values(s.Values));
        f.AppendTo(sb);

        sb.Append("\nBackward, in reverse (upstream = d").Append(Root).Append("/d(output); gradient = upstream × local, summed over broadcast dims):\n");
        var b = new TextTable("step", "op", "output", "upstream", "input", "local d(out)/d(in)", "gradient to input");
        foreach (var s in Backward)
        {
            string output = s.Output + (s.RetainsGrad ? " (retained)" : "");
            string upstream = ValueFormat.Values(s.Upstream) + HookNote(s.HookCount, s.UpstreamBeforeHooks);
            for (int j = 0; j < s.Inputs.Count; j++)
            {
                var e = s.Inputs[j];
                b.Add(j == 0 ? s.Step.ToString(Inv) : "", j == 0 ? s.Op : "", j == 0 ? output : "", j == 0 ? upstream : "",
                    e.Input, e.LocalDerivative is null ? "-" : ValueFormat.Values(e.LocalDerivative),
                    e.Gradient is null ? "(not needed)" : ValueFormat.Values(e.Gradient));
            }
        }
        b.AppendTo(sb);

        sb.Append("\nLeaves:\n");
        var l = new TextTable("leaf", "shape", "requires grad", "gradient received", "Grad");
        foreach (var leaf in Leaves)
        {
            l.Add(leaf.Leaf, leaf.Shape.ToString(), leaf.RequiresGrad ? "yes" : "no",
                leaf.Received is null ? "-" : ValueFormat.Values(leaf.Received) + HookNote(leaf.HookCount, leaf.ReceivedBeforeHooks),
                leaf.Grad is null ? "none" : ValueFormat.Values(leaf.Grad));
        }
        l.AppendTo(sb);
        return sb.ToString();
    }

    /// <summary>What hooks did to a gradient, as the listings note it after the value (empty when nothing happened).</summary>
    internal static string HookNote(int hookCount, IReadOnlyList<double>? before) =>
        before is not null ? $" (hook replaced {ValueFormat.Values(before)})"
        : hookCount > 0 ? $" ({hookCount} hook{(hookCount == 1 ? "" : "s")}, kept)"
        : "";

    private static System.Globalization.CultureInfo Inv => System.Globalization.CultureInfo.InvariantCulture;
}
