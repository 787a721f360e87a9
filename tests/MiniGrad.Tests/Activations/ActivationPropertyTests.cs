using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Activations;

/// <summary>
/// FsCheck properties over random shapes and values (kept away from each activation's kinks): the tape's first and
/// second derivatives against central differences in double, and the laws the activations obey.
/// </summary>
public class ActivationPropertyTests
{
    /// <summary>A random shape (rank 1 to 3, dims 1 to 4) and a seed for the values.</summary>
    public sealed record Sample(int[] Shape, ulong Seed)
    {
        /// <summary>The sample with its last dimension doubled, for the activations that halve it (Glu).</summary>
        public Sample WithEvenLastDim() => this with { Shape = Shape.Select((d, i) => i == Shape.Length - 1 ? 2 * d : d).ToArray() };

        public override string ToString() => $"shape [{string.Join(", ", Shape)}], seed {Seed}";
    }

    /// <summary>Samples; a failing one shrinks to a smaller shape (the values being the seed's first ones).</summary>
    private static Arbitrary<Sample> Samples() =>
        (from rank in Gen.Choose(1, 3)
         from dims in Gen.ArrayOf(Gen.Choose(1, 4), rank)
         from seed in Gen.Choose(0, int.MaxValue)
         select new Sample(dims, (ulong)seed))
        .ShrinkingWith(s => Shrinks.Shape(s.Shape).Select(smaller => s with { Shape = smaller }));

    /// <summary>Values uniform in [-scale, scale], nudged 0.1 away from any kink closer than 0.05.</summary>
    private static Tensor<double> Values(Sample s, double[] kinks, double scale = 4, ulong salt = 0)
    {
        var g = new Generator(s.Seed * 31 + salt);
        var t = Tensor<double>.Zeros(s.Shape);
        var span = t.Span;
        for (int i = 0; i < span.Length; i++)
        {
            double v = g.NextUniform(-scale, scale);
            foreach (double k in kinks)
                if (Math.Abs(v - k) < 0.05) v = k + (v >= k ? 0.1 : -0.1);
            span[i] = v;
        }
        return t;
    }

    /// <summary>The sample each activation gets: its last dimension doubled for those that halve it.</summary>
    private static Sample For(ActivationSpec spec, Sample s) => spec.EvenLastDim ? s.WithEvenLastDim() : s;

    // Each case checks every activation (25 cases each, as when they were one theory row per activation); the
    // failure names the activation.
    [Property(MaxTest = 25)]
    public Property GradientMatchesCentralDifferences() =>
        Prop.ForAll(Samples(), sample =>
        {
            foreach (var spec in ActivationSpec.All) Gradient(spec, For(spec, sample));
        });

    private static void Gradient(ActivationSpec spec, Sample s)
    {
        string name = spec.Name;
        var x = Values(s, spec.Kinks);
        var y0 = spec.Apply(x.Detach());
        var w = Values(new Sample(y0.Shape.Dims.ToArray(), s.Seed), [], 1.5, salt: 1);
        Tensor<double> F(Tensor<double>[] inputs) => (spec.Apply(inputs[0]) * w).Sum();
        double[] numeric = NumericGradient.Compute(F, [x])[0];
        double[] analytic = NumericGradient.Analytic(F, [x])[0];
        Close.All<double>(numeric, analytic, 1e-6, 1e-7, $"{name} {s}");
    }

    [Property(MaxTest = 10)]
    public Property SecondDerivativeMatchesCentralDifferencesOfTheTapeGradient() =>
        Prop.ForAll(Samples(), sample =>
        {
            foreach (var spec in ActivationSpec.All) SecondDerivative(spec, For(spec, sample));
        });

    private static void SecondDerivative(ActivationSpec spec, Sample s)
    {
        string name = spec.Name;
        var x0 = Values(s, spec.Kinks);
        var yShape = spec.Apply(x0.Detach()).Shape.Dims.ToArray();
        var w = Values(new Sample(yShape, s.Seed), [], 1.5, salt: 1);
        var v = Values(s, [], 1.5, salt: 2);

        // h(x) = Σ v · ∂(Σ w·f(x))/∂x, computed by the tape (first order), differenced numerically.
        double H(double[] xv)
        {
            var x = Tensor.FromArray(xv, s.Shape).RequireGrad();
            var gx = Autograd.Grad((spec.Apply(x) * w).Sum(), [x])[0]!;
            return (gx * v).Sum().Item();
        }

        // The same derivative of h by a second backward pass through the recorded first one.
        var xr = x0.Clone().RequireGrad();
        var g1 = Autograd.Grad((spec.Apply(xr) * w).Sum(), [xr], createGraph: true)[0]!;
        double[] analytic;
        if (g1.RequiresGrad)
        {
            (g1 * v).Sum().Backward();
            analytic = xr.Grad?.ToArray() ?? new double[xr.Length];
        }
        else
        {
            analytic = new double[xr.Length]; // the first derivative does not depend on x (piecewise linear)
        }

        double[] xs = x0.ToArray();
        var numeric = new double[xs.Length];
        const double h = 1e-5;
        for (int i = 0; i < xs.Length; i++)
        {
            double orig = xs[i];
            xs[i] = orig + h;
            double plus = H(xs);
            xs[i] = orig - h;
            double minus = H(xs);
            xs[i] = orig;
            numeric[i] = (plus - minus) / (2 * h);
        }
        Close.All<double>(numeric, analytic, 1e-5, 1e-6, $"{name} second order {s}");
    }

    [Property(MaxTest = 25)]
    public Property PreluWeightGradientMatchesCentralDifferences() =>
        Prop.ForAll(Samples(), s =>
        {
            int channels = s.Shape.Length >= 2 ? s.Shape[1] : 1;
            var x = Values(s, [0]);
            var weight = Values(new Sample([channels], s.Seed), [], 1, salt: 3);
            var w = Values(s, [], 1.5, salt: 1);
            Tensor<double> F(Tensor<double>[] t) => (Functional.Prelu(t[0], t[1]) * w).Sum();
            var numeric = NumericGradient.Compute(F, [x, weight]);
            var analytic = NumericGradient.Analytic(F, [x, weight]);
            Close.All<double>(numeric[0], analytic[0], 1e-6, 1e-7, $"prelu dx {s}");
            Close.All<double>(numeric[1], analytic[1], 1e-6, 1e-7, $"prelu dw {s}");
        });

    [Property(MaxTest = 100)]
    public Property SigmoidIsStrictlyBetweenZeroAndOne() =>
        Prop.ForAll(Samples(), s =>
        {
            var y = Functional.Sigmoid(Values(s, [], scale: 30));
            return y.ToArray().All(v => v > 0 && v < 1);
        });

    [Property(MaxTest = 100)]
    public Property TanhIsOdd() =>
        Prop.ForAll(Samples(), s =>
        {
            var x = Values(s, [], scale: 10);
            var a = Functional.Tanh(x).ToArray();
            var b = Functional.Tanh(-x).ToArray();
            return a.Zip(b).All(p => p.First == -p.Second);
        });

    [Property(MaxTest = 100)]
    public Property SoftmaxSlicesSumToOneAndAreShiftInvariant() =>
        Prop.ForAll(Samples(), s =>
        {
            var x = Values(s, [], scale: 20);
            int dim = (int)(s.Seed % (ulong)s.Shape.Length);
            var y = Functional.Softmax(x, dim);
            Close.All<double>(Enumerable.Repeat(1.0, y.Sum(dim).Length).ToArray(), y.Sum(dim).ReadOnlySpan, 0, 1e-12, "sum");
            var shifted = Functional.Softmax(x + 123.25, dim);
            Close.All(y, shifted, 1e-12, 1e-15, "shift");
        });

    [Property(MaxTest = 100)]
    public Property ReluIsIdempotent() =>
        Prop.ForAll(Samples(), s =>
        {
            var once = Functional.Relu(Values(s, []));
            return Functional.Relu(once).ToArray().SequenceEqual(once.ToArray());
        });

    [Property(MaxTest = 100)]
    public Property LogSoftmaxIsLogOfSoftmax() =>
        Prop.ForAll(Samples(), s =>
        {
            var x = Values(s, [], scale: 20);
            int dim = -1;
            Close.All(Functional.Softmax(x, dim).Log(), Functional.LogSoftmax(x, dim), 1e-12, 1e-12, "log_softmax");
        });
}
