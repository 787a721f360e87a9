namespace MiniGrad.Study;

/// <summary>What one backward step sends to one of its op's inputs.</summary>
/// <param name="Input">The input's label.</param>
/// <param name="LocalDerivative">
/// d(output)/d(input) elementwise, where that is one number per input element: for elementwise ops (checked by
/// probing the op's backward) and for ops with a one-element output; null otherwise (a matrix product's local
/// derivative is a whole Jacobian, not worth printing).
/// </param>
/// <param name="Gradient">The gradient passed to the input (upstream gradient times local derivative); null when the input does not require grad.</param>
public sealed record BackwardEdge(string Input, IReadOnlyList<double>? LocalDerivative, IReadOnlyList<double>? Gradient);
