namespace MiniGrad.Testing;

/// <summary>Settings of <see cref="GradProperties"/>.</summary>
public sealed record GradPropertyOptions
{
    /// <summary>The default settings.</summary>
    public static GradPropertyOptions Default { get; } = new();

    /// <summary>
    /// How many random cases <see cref="GradProperties.Check(Func{Tensor{double}, Tensor{double}}, GradPropertyOptions?)"/>
    /// runs. A <c>[Property]</c> test runs as many as its attribute's <c>MaxTest</c> says instead.
    /// </summary>
    public int MaxTest { get; init; } = 30;

    /// <summary>The largest rank of the generated tensors (1 to <see cref="TensorShape.MaxRank"/>).</summary>
    public int MaxRank { get; init; } = 3;

    /// <summary>The largest size of one dimension.</summary>
    public int MaxDim { get; init; } = 5;

    /// <summary>Values are drawn uniformly from [-Range, Range].</summary>
    public double Range { get; init; } = 8;

    /// <summary>Values also drawn, one time in five, so that kinks and special points are hit exactly.</summary>
    public IReadOnlyList<double> SpecialValues { get; init; } = [0, 0.5, -0.5, 1, -1, 3, -3, 6, 20, -20];

    /// <summary>Make the last dimension even (for activations that halve it, such as Glu).</summary>
    public bool EvenLastDim { get; init; }

    /// <summary>Also check second derivatives (<see cref="GradCheck.GradGradCheck(Func{Tensor{double}, Tensor{double}}, Tensor{double}, GradCheckOptions?)"/>).</summary>
    public bool SecondOrder { get; init; }

    /// <summary>Settings of each gradient check (PyTorch's tolerances, kinks recognised, 4 ulps of run-to-run slack in the reentrancy check).</summary>
    public GradCheckOptions Check { get; init; } = new() { NondetUlps = 4 };
}
