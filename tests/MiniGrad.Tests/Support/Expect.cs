using System.Numerics;

namespace MiniGrad.Tests.Support;

/// <summary>Short assertions for hand-derived tensor values.</summary>
public static class Expect
{
    /// <summary>A double tensor from row-major <paramref name="data"/> and <paramref name="shape"/> (a vector when none).</summary>
    public static Tensor<double> T(double[] data, params int[] shape) => Tensor.FromArray(data, shape);

    /// <summary>Asserts shape and values (to 1e-12 relative, 1e-12 absolute: hand-derived values are exact or nearly).</summary>
    public static void Values<T>(Tensor<T>? actual, int[] shape, double[] expected, string what = "")
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.NotNull(actual);
        Assert.Equal(new TensorShape(shape), actual!.Shape);
        Close.All<T>(expected, actual.ReadOnlySpan, 1e-12, 1e-12, what);
    }
}
