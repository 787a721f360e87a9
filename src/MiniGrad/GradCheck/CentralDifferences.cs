using System.Numerics;

namespace MiniGrad;

/// <summary>Differences of the numerical function along one input element, which the kink rule asks for at a smaller step.</summary>
internal interface IColumnDifferences
{
    /// <summary>The outputs at x + h and x - h of element <paramref name="element"/> of input <paramref name="input"/>, whose value is <paramref name="x"/>.</summary>
    Differences Column(int input, int element, double x, double h);
}

/// <summary>The outputs at x + h and x - h, with the steps actually taken (after rounding x ± h to the numerical type).</summary>
internal readonly record struct Differences(double[][] Plus, double[][] Minus, double Hp, double Hm)
{
    /// <summary>The slopes of element <paramref name="j"/> of output <paramref name="o"/>, whose value at x is <paramref name="f0"/>.</summary>
    public Slopes At(int o, int j, double f0) => Slopes.Of(f0, Plus[o][j], Minus[o][j], Hp, Hm);
}

/// <summary>The one-sided slopes and the central difference read from f(x - hm), f(x), f(x + hp).</summary>
internal readonly record struct Slopes(double Right, double Left, double Central)
{
    /// <summary>The slopes from the outputs at x, x + hp and x - hm.</summary>
    public static Slopes Of(double f0, double plus, double minus, double hp, double hm) =>
        new((plus - f0) / hp, (f0 - minus) / hm, (plus - minus) / (hp + hm));
}

/// <summary>
/// The numerical Jacobian by central differences, one column at a time: one input element perturbed by ±h, the
/// function evaluated twice, the element restored. The one-sided differences come free from the same evaluations.
/// </summary>
internal sealed class CentralDifferences<TN>(NumericalFunction<TN> function) : IColumnDifferences
    where TN : unmanaged, IBinaryFloatingPointIeee754<TN>
{
    /// <inheritdoc/>
    public Differences Column(int input, int element, double x, double h)
    {
        var leaf = function.Leaves[input];
        TN x0 = leaf.Span[element];
        var step = Round(x, h);
        leaf.Span[element] = step.Plus;
        var fp = function.Evaluate();
        leaf.Span[element] = step.Minus;
        var fm = function.Evaluate();
        leaf.Span[element] = x0;
        return new Differences(fp, fm, step.Hp, step.Hm);
    }

    /// <summary>x ± h rounded to <typeparamref name="TN"/>, and the steps that rounding leaves: what the slopes divide by.</summary>
    public static (TN Plus, TN Minus, double Hp, double Hm) Round(double x, double h)
    {
        TN xp = TN.CreateChecked(x + h), xm = TN.CreateChecked(x - h);
        return (xp, xm, double.CreateChecked(xp) - x, x - double.CreateChecked(xm));
    }
}
