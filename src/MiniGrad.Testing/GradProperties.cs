using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace MiniGrad.Testing;

/// <summary>Settings of <see cref="GradProperties"/>.</summary>
public sealed record GradPropertyOptions
{
    /// <summary>The default settings.</summary>
    public static GradPropertyOptions Default { get; } = new();

    /// <summary>How many random cases <see cref="GradProperties.Check(Func{Tensor{double}, Tensor{double}}, GradPropertyOptions?)"/> runs.</summary>
    public int MaxTest { get; init; } = 30;

    /// <summary>The largest rank of the generated tensors (1 to <see cref="TensorShape.MaxRank"/>).</summary>
    public int MaxRank { get; init; } = 3;

    /// <summary>The largest size of one dimension.</summary>
    public int MaxDim { get; init; } = 5;

    /// <summary>Values are drawn uniformly from [-Range, Range].</summary>
    public double Range { get; init; } = 8;

    /// <summary>Values also drawn, one time in five, so that kinks and special points are hit exactly.</summary>
    public IReadOnlyList<double> SpecialValues { get; init; } = [0, 0.5, -0.5, 1, -1, 3, -3, 6, 20, -20];

    /// <summary>Make the last dimension even (for activations that halve it, such as Glu).</summary>
    public bool EvenLastDim { get; init; }

    /// <summary>Also check second derivatives (<see cref="GradCheck.GradGradCheck(Func{Tensor{double}, Tensor{double}}, Tensor{double}, GradCheckOptions?)"/>).</summary>
    public bool SecondOrder { get; init; }

    /// <summary>Settings of each gradient check (PyTorch's tolerances, kinks recognised, 4 ulps of run-to-run slack in the reentrancy check).</summary>
    public GradCheckOptions Check { get; init; } = new() { NondetUlps = 4 };
}

/// <summary>One generated case: a shape and the values of a tensor of that shape.</summary>
/// <param name="Shape">The dimensions.</param>
/// <param name="Values">The elements in row-major order.</param>
public sealed record GradCase(int[] Shape, double[] Values)
{
    /// <summary>The case as a double tensor.</summary>
    public Tensor<double> ToTensor() => Tensor.FromArray(Values, Shape);

    /// <inheritdoc/>
    public override string ToString() =>
        $"shape [{string.Join(", ", Shape)}], values {{{string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}}}";
}

/// <summary>
/// Reusable FsCheck properties for your own tests: "my activation's gradient is right on random shapes and values",
/// checked with MiniGrad's <see cref="GradCheck"/> (kinks recognised, a readable report on failure). From an xunit test:
/// <code>
/// [Fact]
/// public void MyActivationHasTheRightGradient() =&gt;
///     GradProperties.Check(x =&gt; x * Functional.Sigmoid(x * 1.5));
/// </code>
/// or, to combine with other FsCheck code, <c>Check.One(config, GradProperties.Holds(f))</c>.
/// </summary>
public static class GradProperties
{
    /// <summary>Random tensors as <see cref="GradCase"/>s: random rank and dims, uniform values mixed with special points.</summary>
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
        return Arb.From(gen);
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
