using System.Numerics;

namespace MiniGrad;

/// <summary>
/// A custom elementwise activation made from a scalar function and its derivative(s): a differentiable op on
/// tensors of <typeparamref name="T"/>. Make one with <see cref="CustomActivation"/>; wrap it in
/// <see cref="Nn.CustomActivation{T}"/> to use it as a module.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public abstract class ScalarActivation<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private protected ScalarActivation()
    {
    }

    /// <summary>The name shown on the tape (its backward shows as <c>NameBackward</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True when a second derivative was given, so that gradients of gradients work.</summary>
    public abstract bool HasSecondDerivative { get; }

    /// <summary>Applies the activation elementwise; differentiable (twice when <see cref="HasSecondDerivative"/>).</summary>
    public abstract Tensor<T> Apply(Tensor<T> x);

    /// <summary>The scalar value f(x), for plots and tests.</summary>
    public abstract T Value(T x);

    /// <summary>The scalar derivative f'(x) as given.</summary>
    public abstract T Derivative(T x);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A <see cref="ScalarActivation{T}"/> over any derivative kernel (a struct or delegates).</summary>
internal sealed class KernelActivation<TKernel, T>(TKernel kernel) : ScalarActivation<T>
    where TKernel : IDerivativeKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public override string Name => kernel.Name;

    public override bool HasSecondDerivative => kernel.MaxOrder >= 2;

    public override Tensor<T> Apply(Tensor<T> x) => CustomActivationFunction<TKernel, T>.Apply(kernel, x);

    public override T Value(T x) => Scalar(0, x);

    public override T Derivative(T x) => Scalar(1, x);

    private T Scalar(int order, T x)
    {
        Span<T> y = stackalloc T[1];
        kernel.Compute(order, [x], y);
        return y[0];
    }
}

/// <summary>
/// A custom activation given as <c>Func&lt;double, double&gt;</c> delegates, usable on float and double tensors
/// (float elements are widened to double for the call). See <see cref="CustomActivation.Create(string, Func{double, double}, Func{double, double}, Func{double, double}?)"/>.
/// </summary>
public sealed class DelegateActivation
{
    private readonly ScalarActivation<double> forDouble;
    private readonly ScalarActivation<float> forFloat;

    internal DelegateActivation(string name, Func<double, double> value, Func<double, double> derivative, Func<double, double>? second)
    {
        Name = name;
        forDouble = new KernelActivation<DelegateKernel<double>, double>(new DelegateKernel<double>(name, value, derivative, second));
        forFloat = new KernelActivation<DoubleDelegateKernel<float>, float>(new DoubleDelegateKernel<float>(name, value, derivative, second));
    }

    /// <summary>The name shown on the tape.</summary>
    public string Name { get; }

    /// <summary>True when a second derivative was given.</summary>
    public bool HasSecondDerivative => forDouble.HasSecondDerivative;

    /// <summary>Applies the activation to a double tensor.</summary>
    public Tensor<double> Apply(Tensor<double> x) => forDouble.Apply(x);

    /// <summary>Applies the activation to a float tensor (each element computed in double, then rounded).</summary>
    public Tensor<float> Apply(Tensor<float> x) => forFloat.Apply(x);

    /// <summary>This activation as a <see cref="ScalarActivation{T}"/> for one element type.</summary>
    public ScalarActivation<T> For<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? (ScalarActivation<T>)(object)forDouble : (ScalarActivation<T>)(object)forFloat;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
