using System.Numerics;
using System.Reflection;

namespace MiniGrad;

/// <summary>
/// The derivatives of a custom elementwise activation, order 0 (the value) up to <see cref="MaxOrder"/>, over spans.
/// The ops are generic over it, so a struct implementation is specialized and inlined by the JIT.
/// </summary>
internal interface IDerivativeKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    string Name { get; }

    /// <summary>The highest derivative available: 1, or 2 when a second derivative was given.</summary>
    int MaxOrder { get; }

    /// <summary><c>y[i] = f^(order)(x[i])</c> for order 0, 1 or 2.</summary>
    void Compute(int order, ReadOnlySpan<T> x, Span<T> y);
}

/// <summary>Calls the static members of an <see cref="IScalarActivation{TSelf, T}"/> struct.</summary>
internal readonly struct StaticActivationKernel<TActivation, T> : IDerivativeKernel<T>
    where TActivation : IScalarActivation<TActivation, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // Whether the type implements SecondDerivative itself (the interface's default only throws); looked up once per type.
    private static readonly int maxOrder = FindMaxOrder();

    private static int FindMaxOrder()
    {
        try
        {
            // The interface map sees implicit and explicit implementations alike.
            var map = typeof(TActivation).GetInterfaceMap(typeof(IScalarActivation<TActivation, T>));
            for (int i = 0; i < map.InterfaceMethods.Length; i++)
            {
                var m = map.InterfaceMethods[i];
                if (m.Name == "SecondDerivative" && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(T))
                    return map.TargetMethods[i].DeclaringType == typeof(TActivation) ? 2 : 1;
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            // Fall through to the name lookup.
        }
        return typeof(TActivation).GetMethod("SecondDerivative", BindingFlags.Public | BindingFlags.Static, [typeof(T)]) is null ? 1 : 2;
    }

    public string Name => TActivation.Name;

    public int MaxOrder => maxOrder;

    public void Compute(int order, ReadOnlySpan<T> x, Span<T> y)
    {
        switch (order)
        {
            case 0: TActivation.Value(x, y); break;
            case 1: TActivation.Derivative(x, y); break;
            default: TActivation.SecondDerivative(x, y); break;
        }
    }
}

/// <summary>Calls delegates <c>Func&lt;T, T&gt;</c> for f, f' and optionally f''.</summary>
internal sealed class DelegateKernel<T>(string name, Func<T, T> value, Func<T, T> derivative, Func<T, T>? second)
    : IDerivativeKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public string Name => name;

    public int MaxOrder => second is null ? 1 : 2;

    public void Compute(int order, ReadOnlySpan<T> x, Span<T> y)
    {
        var f = order switch { 0 => value, 1 => derivative, _ => second! };
        for (int i = 0; i < x.Length; i++) y[i] = f(x[i]);
    }
}

/// <summary>Calls <c>Func&lt;double, double&gt;</c> delegates on the elements of a float tensor, converting each way.</summary>
internal sealed class DoubleDelegateKernel<T>(string name, Func<double, double> value, Func<double, double> derivative, Func<double, double>? second)
    : IDerivativeKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public string Name => name;

    public int MaxOrder => second is null ? 1 : 2;

    public void Compute(int order, ReadOnlySpan<T> x, Span<T> y)
    {
        var f = order switch { 0 => value, 1 => derivative, _ => second! };
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateChecked(f(double.CreateChecked(x[i])));
    }
}
