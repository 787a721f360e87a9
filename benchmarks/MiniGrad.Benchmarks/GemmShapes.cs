namespace MiniGrad.Benchmarks;

/// <summary>
/// The matrix multiplies of the two training steps, as <c>m×k×n</c> with the transposes the ops pass
/// (Linear: <c>y = x Wᵀ</c>; backward <c>dx = g W</c>, <c>dW = gᵀ x</c>).
/// </summary>
public static class GemmShapes
{
    /// <summary>Every shape as "m×k×n op" where op is NN, NT (B transposed), TN (A transposed) or TT.</summary>
    public static readonly string[] Mlp =
    [
        // MLP 784-256-256-10, batch 128: forward x Wᵀ per layer
        "128x784x256 NT", "128x256x256 NT", "128x256x10 NT",
        // backward dW = gᵀ x per layer
        "256x128x784 TN", "256x128x256 TN", "10x128x256 TN",
        // backward dx = g W (layers 3 and 2; the input needs no gradient)
        "128x10x256 NN", "128x256x256 NN",
        // the remaining transpose combination, for completeness
        "128x784x256 TT",
    ];

    /// <summary>The tutorial 003 step's shapes (batch 10): these take the small-size path.</summary>
    public static readonly string[] Tutorial = ["10x10x18 NT", "10x18x18 NT", "18x10x10 TN", "10x18x18 NN"];

    /// <summary>Parses "m×k×n op".</summary>
    public static (int M, int K, int N, bool TransposeA, bool TransposeB) Parse(string shape)
    {
        var parts = shape.Split(' ');
        var dims = parts[0].Split('x').Select(int.Parse).ToArray();
        return (dims[0], dims[1], dims[2], parts[1][0] == 'T', parts[1][1] == 'T');
    }

    /// <summary>Floating-point operations of one multiply: 2·m·k·n.</summary>
    public static double Flops(string shape)
    {
        var (m, k, n, _, _) = Parse(shape);
        return 2.0 * m * k * n;
    }
}
