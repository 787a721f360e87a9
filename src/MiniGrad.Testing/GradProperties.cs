using FsCheck;
using FsCheck.Fluent;

namespace MiniGrad.Testing;

/// <summary>
/// Reusable FsCheck properties for your own tests: "my activation's gradient is right on random shapes and values",
/// checked with MiniGrad's <see cref="GradCheck"/> (kinks recognised, a readable report on failure). With FsCheck.Xunit,
/// as a property test of your own:
/// <code>
/// [Property(MaxTest = 30)]
/// public Property MyActivationGradientIsRight() =&gt;
///     GradProperties.Holds(x =&gt; x * Functional.Sigmoid(x * 1.5));
/// </code>
/// A failing case is shrunk to a minimal tensor, and the failure gives the seed that replays it
/// (<c>[Property(Replay = "(s1,s2,size)")]</c>). Without FsCheck.Xunit, <see cref="Check(Func{Tensor{double}, Tensor{double}}, GradPropertyOptions?)"/>
/// runs the same property from a plain test.
/// </summary>
public static class GradProperties
{
    /// <summary>
    /// Random tensors as <see cref="GradCase"/>s: random rank and dims, uniform values mixed with special points. A
    /// failing case shrinks to fewer and smaller dimensions, then to simpler values (0, whole numbers, one decimal).
    /// </summary>
    public static Arbitrary<GradCase> Cases(GradPropertyOptions? options = null)
    {
        var o = options ?? GradPropertyOptions.Default;
        if (o.MaxRank is < 1 or > TensorShape.MaxRank) throw new ArgumentOutOfRangeException(nameof(options), o.MaxRank, "GradProperties: MaxRank must be 1 to 8.");
        if (o.MaxDim < 1) throw new ArgumentOutOfRangeException(nameof(options), o.MaxDim, "GradProperties: MaxDim must be at least 1.");
        var special = o.SpecialValues.ToArray();
        var value = special.Length == 0
            ? Gen.Choose(-1_000_000, 1_000_000).Select(r => r / 1e6 * o.Range)
            : Gen.Frequency(
                (4, Gen.Choose(-1_000_000, 1_000_000).Select(r => r / 1e6 * o.Range)),
                (1, Gen.Elements(special)));
        var gen =
            from rank in Gen.Choose(1, o.MaxRank)
            from dims in Gen.ArrayOf(Gen.Choose(1, o.MaxDim), rank)
            let shape = o.EvenLastDim ? dims.Select((d, i) => i == rank - 1 ? 2 * ((d + 1) / 2) : d).ToArray() : dims
            from values in Gen.ArrayOf(value, shape.Aggregate(1, (a, b) => a * b))
            select new GradCase(shape, values);
        return Arb.From(gen, c => GradCaseShrinker.Shrink(c, o));
    }

    /// <summary>
    /// The property "the gradient of <paramref name="activation"/> (and its second derivative, when asked) passes
    /// <see cref="GradCheck"/> on a random tensor". A failing case throws a <see cref="GradCheckException"/> whose message is the report.
    /// </summary>
    public static Property Holds(Func<Tensor<double>, Tensor<double>> activation, GradPropertyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activation);
        var o = options ?? GradPropertyOptions.Default;
        var check = o.Check with { ThrowOnFailure = true };
        return Prop.ForAll(Cases(o), c =>
        {
            GradCheck.Check(activation, c.ToTensor(), check);
            if (o.SecondOrder) GradCheck.GradGradCheck(activation, c.ToTensor(), check);
        });
    }

    /// <summary>The property for a scalar custom activation; the second order is checked when it has a second derivative.</summary>
    public static Property Holds(ScalarActivation<double> activation, GradPropertyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activation);
        var o = options ?? GradPropertyOptions.Default;
        return Holds(activation.Apply, o with { SecondOrder = o.SecondOrder && activation.HasSecondDerivative });
    }

    /// <summary>Runs <see cref="Holds(Func{Tensor{double}, Tensor{double}}, GradPropertyOptions?)"/> for <see cref="GradPropertyOptions.MaxTest"/> cases and throws on the first failure.</summary>
    public static void Check(Func<Tensor<double>, Tensor<double>> activation, GradPropertyOptions? options = null)
    {
        var o = options ?? GradPropertyOptions.Default;
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(o.MaxTest), Holds(activation, o));
    }

    /// <summary>Runs the property of a scalar custom activation and throws on the first failure.</summary>
    public static void Check(ScalarActivation<double> activation, GradPropertyOptions? options = null)
    {
        var o = options ?? GradPropertyOptions.Default;
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(o.MaxTest), Holds(activation, o));
    }
}
