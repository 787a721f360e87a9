namespace MiniGrad.Study;

/// <summary>One op of the forward pass as <see cref="TapeExplainer"/> lists it.</summary>
/// <param name="Step">1-based position among the ops the root depends on, in execution order.</param>
/// <param name="Op">The op's name with its non-tensor arguments, such as <c>Mul</c> or <c>Clamp(min=0, max=inf)</c>.</param>
/// <param name="Inputs">The inputs' labels (name, or <c>#k</c> for the output of step k, or a constant's value), with shapes when not scalar.</param>
/// <param name="Output">The output's label.</param>
/// <param name="Shape">The output's shape.</param>
/// <param name="Values">The output's elements, in row-major order.</param>
public sealed record ForwardStep(int Step, string Op, IReadOnlyList<string> Inputs, string Output, TensorShape Shape, IReadOnlyList<double> Values);
