using System.Numerics;

namespace MiniGrad;

/// <summary>
/// Makes custom elementwise activations. There are three ways to write an activation in MiniGrad:
/// <list type="number">
/// <item><b>Compose tensor ops</b>: any <c>Func&lt;Tensor&lt;T&gt;, Tensor&lt;T&gt;&gt;</c> built from MiniGrad ops, such as
/// <c>x =&gt; x * Functional.Sigmoid(x * 1.5)</c>, is differentiable (twice, too) with no extra code.</item>
/// <item><b>A scalar function and its derivative</b>: <see cref="Create(string, Func{double, double}, Func{double, double}, Func{double, double}?)"/>
/// (delegates) or <see cref="Of{TActivation, T}"/> (a struct implementing <see cref="IScalarActivation{TSelf, T}"/>,
/// which the JIT inlines). MiniGrad turns it into one differentiable op whose backward is fused.</item>
/// <item><b>A full custom op</b>: subclass <see cref="Function{T}"/> (forward over spans, <c>Tape.Record</c>, and a
/// backward written with tensor ops), as PyTorch's <c>autograd.Function</c>.</item>
/// </list>
/// Check any of them with <see cref="GradCheck.CheckActivation(Func{Tensor{double}, Tensor{double}}, ActivationCheckOptions?, string)"/>.
/// </summary>
public static class CustomActivation
{
    /// <summary>
    /// A custom activation from double delegates, usable on float and double tensors.
    /// </summary>
    /// <param name="name">The name shown on the tape and in reports.</param>
    /// <param name="value">f(x).</param>
    /// <param name="derivative">f'(x).</param>
    /// <param name="secondDerivative">f''(x), optional: with it, gradients of gradients work.</param>
    public static DelegateActivation Create(string name, Func<double, double> value, Func<double, double> derivative,
        Func<double, double>? secondDerivative = null)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(derivative);
        return new DelegateActivation(name, value, derivative, secondDerivative);
    }

    /// <summary>A custom activation from delegates over <typeparamref name="T"/>.</summary>
    /// <param name="name">The name shown on the tape and in reports.</param>
    /// <param name="value">f(x).</param>
    /// <param name="derivative">f'(x).</param>
    /// <param name="secondDerivative">f''(x), optional: with it, gradients of gradients work.</param>
    public static ScalarActivation<T> Create<T>(string name, Func<T, T> value, Func<T, T> derivative, Func<T, T>? secondDerivative = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(derivative);
        return new KernelActivation<DelegateKernel<T>, T>(new DelegateKernel<T>(name, value, derivative, secondDerivative));
    }

    /// <summary>
    /// The custom activation defined by the struct <typeparamref name="TActivation"/> (see
    /// <see cref="IScalarActivation{TSelf, T}"/>); one shared instance per type.
    /// </summary>
    public static ScalarActivation<T> Of<TActivation, T>()
        where TActivation : struct, IScalarActivation<TActivation, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Cache<TActivation, T>.Instance;

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("CustomActivation: give the activation a non-empty name; it labels the tape and the reports.", nameof(name));
    }

    private static class Cache<TActivation, T>
        where TActivation : struct, IScalarActivation<TActivation, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static readonly ScalarActivation<T> Instance =
            new KernelActivation<StaticActivationKernel<TActivation, T>, T>(default);
    }
}

public static partial class Functional
{
    /// <summary>
    /// Applies the custom activation defined by the struct <typeparamref name="TActivation"/> elementwise, as one
    /// differentiable op: <c>Functional.Custom&lt;Swish15&lt;double&gt;, double&gt;(x)</c>.
    /// </summary>
    public static Tensor<T> Custom<TActivation, T>(Tensor<T> x)
        where TActivation : struct, IScalarActivation<TActivation, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        CustomActivationFunction<StaticActivationKernel<TActivation, T>, T>.Apply(default, x);
}
