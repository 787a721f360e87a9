using System.Numerics;
using MiniGrad;

var x = Tensor.FromArray(new[] { -1.0, 0.5, 2.0 });

// 1. Compose ops: differentiable (twice, too) with no extra code.
Func<Tensor<double>, Tensor<double>> swish = t => t * Functional.Sigmoid(t * 1.5);

// 2a. A scalar function and its derivative as delegates (Func<double, double>: usable on float and double
//     tensors). MiniGrad makes one elementwise op of it, with a fused backward; give f'' for second order.
var mySwish = CustomActivation.Create("MySwish",
    v => v / (1 + Math.Exp(-1.5 * v)),
    v => { double s = 1 / (1 + Math.Exp(-1.5 * v)); return s + 1.5 * v * s * (1 - s); });
var y1 = mySwish.Apply(x);

// 2b. The same as a generic-math struct (below): written once for float and double, inlined by the JIT.
var y2 = Functional.Custom<Swish15<double>, double>(x);                                              // as a function
var layer = new MiniGrad.Nn.CustomActivation<double>(CustomActivation.Of<Swish15<double>, double>()); // as a module
var layer2 = new MiniGrad.Nn.CustomActivation<double>("swish", swish);                              // any lambda, too

// 3. A full custom op (PyTorch's autograd.Function): see MySquare below.
var y3 = MySquare.Apply(x.RequireGrad());
y3.Sum().Backward();
Console.WriteLine(x.Grad);  // tensor([-2.,  1.,  4.], dtype=torch.float64)

// Implementing SecondDerivative enables second order; the span overloads may be overridden with SIMD code.
readonly struct Swish15<T> : IScalarActivation<Swish15<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    static readonly T K = T.CreateChecked(1.5);
    public static T Value(T v) => v / (T.One + T.Exp(-K * v));
    public static T Derivative(T v) { T s = T.One / (T.One + T.Exp(-K * v)); return s + K * v * s * (T.One - s); }
}

// Compute the forward over spans, record it, and write backward with tensor ops (so it is differentiable again).
sealed class MySquare : Function<double>
{
    public override string Name => "MySquare";

    public static Tensor<double> Apply(Tensor<double> x)
    {
        var y = Tensor<double>.Zeros(x.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.ReadOnlySpan, x.ReadOnlySpan, y.Span);
        return Tape.ShouldRecord(x) ? Tape.Record(new MySquare(), y, x) : y;
    }

    protected override Tensor<double>?[] Backward(Tensor<double> g, ReadOnlySpan<bool> needs) => [g * Inputs[0] * 2.0];
}
