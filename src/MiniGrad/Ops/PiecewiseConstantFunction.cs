using System.Numerics;
using MiniGrad.Kernels;

namespace MiniGrad.Ops;

/// <summary>The functions that are constant between jumps: their derivative is 0 wherever it exists.</summary>
internal enum PiecewiseConstant
{
    /// <summary><c>torch.sign</c>: -1, 0 or 1 (NaN stays NaN).</summary>
    Sign,

    /// <summary><c>torch.floor</c>.</summary>
    Floor,

    /// <summary><c>torch.ceil</c>.</summary>
    Ceil,

    /// <summary><c>torch.round</c>: half to even.</summary>
    Round,
}

/// <summary>
/// sign, floor, ceil and round. Backward: zeros, as PyTorch's (the derivative is 0 between jumps and taken as 0 at
/// them), so a graph through them trains nothing before them rather than failing.
/// </summary>
internal sealed class PiecewiseConstantFunction<T> : UnaryFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly PiecewiseConstant kind;

    private PiecewiseConstantFunction(PiecewiseConstant kind) => this.kind = kind;

    public override string Name => kind.ToString();

    // The gradient is zeros of the input's shape: no values are read.
    protected internal override bool SavesInput(int index) => false;

    public static Tensor<T> Apply(Tensor<T> x, PiecewiseConstant kind) => Run(new PiecewiseConstantFunction<T>(kind), x);

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        switch (kind)
        {
            case PiecewiseConstant.Sign: Elementwise.Sign(x, y); break;
            case PiecewiseConstant.Floor: MathFunctions.Map<MathFunctions.FloorOf, T>(x, y); break;
            case PiecewiseConstant.Ceil: MathFunctions.Map<MathFunctions.CeilOf, T>(x, y); break;
            default: MathFunctions.Map<MathFunctions.RoundOf, T>(x, y); break;
        }
    }

    protected internal override Tensor<T>?[] Backward(Tensor<T> g, ReadOnlySpan<bool> needs) => [Tensor<T>.ZerosLike(g)];
}
