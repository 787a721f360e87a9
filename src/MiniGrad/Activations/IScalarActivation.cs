using System.Numerics;

namespace MiniGrad;

/// <summary>
/// A custom elementwise activation given as a scalar function and its derivative, implemented by a (preferably
/// readonly) struct so that MiniGrad's loops call it directly and the JIT inlines it. Turn it into a differentiable
/// op with <see cref="CustomActivation.Of{TSelf, T}"/> or <see cref="Functional.Custom{TActivation, T}"/>.
/// </summary>
/// <remarks>
/// <para>Write it once for both element types with generic math:</para>
/// <code>
/// readonly struct Swish15&lt;T&gt; : IScalarActivation&lt;Swish15&lt;T&gt;, T&gt;
///     where T : unmanaged, IBinaryFloatingPointIeee754&lt;T&gt;
/// {
///     static readonly T K = T.CreateChecked(1.5);
///     public static T Value(T x) =&gt; x / (T.One + T.Exp(-K * x));
///     public static T Derivative(T x) { T s = T.One / (T.One + T.Exp(-K * x)); return s + K * x * s * (T.One - s); }
/// }
/// var y = Functional.Custom&lt;Swish15&lt;double&gt;, double&gt;(x);
/// </code>
/// <para>Implementing <c>SecondDerivative(T)</c> (implicitly or explicitly; it is picked up automatically) makes gradients of
/// gradients work; without it, a second backward through the op throws and says so. The span methods have
/// scalar-loop defaults; override them with vectorized code (TensorPrimitives, Vector&lt;T&gt;) when it pays.</para>
/// <para>Use a struct: for a class type argument the runtime shares one compiled body between all classes, and the
/// static calls are no longer inlined.</para>
/// </remarks>
/// <typeparam name="TSelf">The implementing type itself.</typeparam>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public interface IScalarActivation<TSelf, T>
    where TSelf : IScalarActivation<TSelf, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>f(x).</summary>
    static abstract T Value(T x);

    /// <summary>f'(x). At a kink, return the one-sided value PyTorch's convention would pick (or any value between the two slopes).</summary>
    static abstract T Derivative(T x);

    /// <summary>f''(x). Implement it on the type to enable second order; the default throws.</summary>
    static virtual T SecondDerivative(T x) =>
        throw new NotSupportedException(
            $"{typeof(TSelf).Name}: no second derivative was given. Declare 'public static T SecondDerivative(T x)' on the type to differentiate twice.");

    /// <summary>The name shown on the tape and in reports; the type's name by default.</summary>
    static virtual string Name => CustomActivationNames.Of(typeof(TSelf));

    /// <summary><c>y[i] = f(x[i])</c>; a scalar loop by default.</summary>
    static virtual void Value(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = TSelf.Value(x[i]);
    }

    /// <summary><c>y[i] = f'(x[i])</c>; a scalar loop by default.</summary>
    static virtual void Derivative(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = TSelf.Derivative(x[i]);
    }

    /// <summary><c>y[i] = f''(x[i])</c>; a scalar loop by default.</summary>
    static virtual void SecondDerivative(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = TSelf.SecondDerivative(x[i]);
    }
}

/// <summary>Display names of custom activation types: <c>Swish15</c> rather than <c>Swish15`1</c>.</summary>
internal static class CustomActivationNames
{
    public static string Of(Type type)
    {
        string n = type.Name;
        int tick = n.IndexOf('`');
        return tick < 0 ? n : n[..tick];
    }
}
