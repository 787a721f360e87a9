using System.Numerics;

namespace MiniGrad.Tests.Support;

/// <summary>Elementwise closeness with a relative and an absolute tolerance, reporting the worst element.</summary>
public static class Close
{
    /// <summary>Asserts |actual - expected| &lt;= abs + rel * |expected| for every element (NaN matches NaN, inf matches inf).</summary>
    public static void All<T>(ReadOnlySpan<double> expected, ReadOnlySpan<T> actual, double rel, double abs, string what = "")
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = double.CreateChecked(actual[i]);
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? e == a
                : Math.Abs(a - e) <= abs + rel * Math.Abs(e);
            Assert.True(ok, $"{what}: element {i}: got {a:R}, expected {e:R} (rel {rel}, abs {abs})");
        }
    }

    /// <summary>Asserts two tensors are close elementwise.</summary>
    public static void All<T>(Tensor<T> expected, Tensor<T> actual, double rel, double abs, string what = "")
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray().Select(double.CreateChecked).ToArray();
        All<T>(e, actual.ReadOnlySpan, rel, abs, what);
    }
}
