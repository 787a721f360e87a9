namespace MiniGrad;

/// <summary>One recorded op on a <see cref="Tape"/>, as seen without its element type.</summary>
public interface ITapeEntry
{
    /// <summary>The op's name, such as <c>MatMul</c> or <c>Sigmoid</c>.</summary>
    string Name { get; }

    /// <summary>The position on the tape in execution order (0 is the first op recorded).</summary>
    long Sequence { get; }

    /// <summary>The op's inputs in argument order.</summary>
    IReadOnlyList<ITensor> InputTensors { get; }

    /// <summary>The op's output.</summary>
    ITensor OutputTensor { get; }

    /// <summary>True once a backward pass released what this entry saved.</summary>
    bool IsReleased { get; }

    /// <summary>The op's arguments other than tensors (a dim, a slope), for printing; empty when there are none.</summary>
    string Arguments { get; }
}
