namespace MiniGrad.Kernels.Gemm;

/// <summary>
/// A compile-time integer for generic kernels: instantiated over a struct, <c>TConst.Value</c> is a JIT-time
/// constant, so a kernel unrolled for its largest block drops the rows and vectors a smaller block does not use.
/// </summary>
internal interface IConstant
{
    /// <summary>The constant.</summary>
    static abstract int Value { get; }
}

internal readonly struct Const1 : IConstant { public static int Value => 1; }
internal readonly struct Const2 : IConstant { public static int Value => 2; }
internal readonly struct Const3 : IConstant { public static int Value => 3; }
internal readonly struct Const4 : IConstant { public static int Value => 4; }
internal readonly struct Const5 : IConstant { public static int Value => 5; }
internal readonly struct Const6 : IConstant { public static int Value => 6; }
internal readonly struct Const7 : IConstant { public static int Value => 7; }
internal readonly struct Const8 : IConstant { public static int Value => 8; }
internal readonly struct Const9 : IConstant { public static int Value => 9; }
internal readonly struct Const10 : IConstant { public static int Value => 10; }
