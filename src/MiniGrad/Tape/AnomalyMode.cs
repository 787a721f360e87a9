using System.Diagnostics;
using System.Numerics;
using System.Text;
using MiniGrad.Kernels;

namespace MiniGrad;

/// <summary>
/// PyTorch's <c>torch.autograd.detect_anomaly()</c>: while a scope from <see cref="Autograd.DetectAnomaly"/> is open on
/// this thread, every recorded op keeps the stack trace of the code that created it, and every backward pass checks
/// each gradient an op returns; the first NaN or infinity stops the pass with an exception that names the op, the
/// input the gradient was for, its shape and where in the user's code the op was created.
/// </summary>
/// <remarks>
/// Off, it costs one thread-static read per recorded op and one per backward pass. On, it costs a stack trace per op
/// and a scan of every gradient: a debugging tool, as in PyTorch.
/// </remarks>
internal static class AnomalyMode
{
    /// <summary>How many anomaly scopes are open on this thread (a field of <see cref="ThreadState"/>).</summary>
    internal static ref int Depth => ref ThreadState.Current.AnomalyDepth;

    /// <summary>The trace to keep for an op being recorded now, or null when anomaly mode is off; <paramref name="state"/> is this thread's.</summary>
    internal static StackTrace? CaptureCreation(ThreadState state) =>
        state.AnomalyDepth == 0 ? null : new StackTrace(skipFrames: 2, fNeedFileInfo: true);

    /// <summary>Throws when <paramref name="gradient"/>, which <paramref name="fn"/> returned for input <paramref name="index"/>, holds NaN or infinity.</summary>
    internal static void Check<T>(Function<T> fn, int index, Tensor<T> gradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int bad = Finite.IndexOfNonFinite(gradient.ReadOnlySpan);
        if (bad < 0) return;
        T value = gradient.ReadOnlySpan[bad];
        var input = fn.Inputs[index];
        string which = input.Name is { } name ? $"input {index} ('{name}', shape {input.Shape})" : $"input {index} (shape {input.Shape})";
        var message = new StringBuilder()
            .Append($"Backward (anomaly mode): {fn.Name}Backward{fn.PyTorchOverload} returned {(T.IsNaN(value) ? "NaN" : value.ToString())} ")
            .Append($"at element {bad} of the gradient for its {which}. ");
        if (fn.CreationTrace is { } trace)
        {
            message.Append("The op was created at ").Append(UserFrame(trace)).Append('.').AppendLine()
                .Append("Stack trace of its creation:").AppendLine().Append(trace.ToString().TrimEnd());
        }
        else
        {
            message.Append("The op was recorded before anomaly mode was turned on, so where it was created is unknown; " +
                "open Autograd.DetectAnomaly() around the forward pass too.");
        }
        throw new InvalidOperationException(message.ToString());
    }

    /// <summary>The first frame outside MiniGrad's own code: the user's line that made the op.</summary>
    private static string UserFrame(StackTrace trace)
    {
        var library = typeof(AnomalyMode).Assembly;
        foreach (var frame in trace.GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType?.Assembly == library) continue;
            string where = method is null ? "an unknown method" : $"{method.DeclaringType?.FullName}.{method.Name}";
            return frame.GetFileName() is { } file ? $"{where} in {file}:line {frame.GetFileLineNumber()}" : where;
        }
        return "MiniGrad's own code (no user frame on the stack)";
    }
}
