using System.Numerics;

namespace MiniGrad.Tests.GradChecking;

/// <summary>x * sigmoid(1.5 x) as a generic-math struct, with its first and second derivatives.</summary>
public readonly struct Swish15<T> : IScalarActivation<Swish15<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static readonly T K = T.CreateChecked(1.5);

    private static T S(T x) => T.One / (T.One + T.Exp(-K * x));

    public static T Value(T x) => x * S(x);

    public static T Derivative(T x)
    {
        T s = S(x);
        return s + K * x * s * (T.One - s);
    }

    public static T SecondDerivative(T x)
    {
        // s' = K s (1 - s); f'' = 2 s' + x s'' with s'' = K s' (1 - 2 s).
        T s = S(x);
        T ds = K * s * (T.One - s);
        return T.CreateChecked(2) * ds + x * K * ds * (T.One - T.CreateChecked(2) * s);
    }
}

/// <summary>The same without a second derivative, and with vectorized span overrides.</summary>
public readonly struct FirstOrderSwish : IScalarActivation<FirstOrderSwish, double>
{
    public static double Value(double x) => Swish15<double>.Value(x);

    public static double Derivative(double x) => Swish15<double>.Derivative(x);

    public static void Value(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = Value(x[i]);
    }
}

/// <summary>Sin with its derivatives implemented explicitly.</summary>
public readonly struct ExplicitSin : IScalarActivation<ExplicitSin, double>
{
    static double IScalarActivation<ExplicitSin, double>.Value(double x) => Math.Sin(x);

    static double IScalarActivation<ExplicitSin, double>.Derivative(double x) => Math.Cos(x);

    static double IScalarActivation<ExplicitSin, double>.SecondDerivative(double x) => -Math.Sin(x);
}

/// <summary>Reference formulas and deliberately broken variants for the tests.</summary>
public static class Broken
{
    public static double Sig(double x) => 1 / (1 + Math.Exp(-x));

    public static double Swish(double x) => x * Sig(1.5 * x);

    public static double SwishPrime(double x) => Swish15<double>.Derivative(x);

    public static double SwishSecond(double x) => Swish15<double>.SecondDerivative(x);

    public static DelegateActivation WrongSign => CustomActivation.Create("WrongSign", Swish, x => -SwishPrime(x));

    /// <summary>2 tanh(x) whose derivative forgot the factor 2.</summary>
    public static DelegateActivation MissingFactor => CustomActivation.Create("MissingFactor", x => 2 * Math.Tanh(x), x => 1 - Math.Tanh(x) * Math.Tanh(x));

    public static DelegateActivation WrongAbove5 => CustomActivation.Create("WrongAbove5", Swish, x => x > 5 ? 1.1 * SwishPrime(x) : SwishPrime(x));

    public static DelegateActivation ZeroBackward => CustomActivation.Create("ZeroBackward", Swish, _ => 0.0);

    public static DelegateActivation Relu => CustomActivation.Create("Relu", x => Math.Max(0, x), x => x > 0 ? 1 : 0, _ => 0);

    /// <summary>ReLU whose derivative is 1 at 0 and -1 below: outside [left, right] at the kink.</summary>
    public static DelegateActivation ReluWrongAtKink => CustomActivation.Create("ReluWrongAtKink", x => Math.Max(0, x), x => x >= 0 ? 2 : 0);
}
