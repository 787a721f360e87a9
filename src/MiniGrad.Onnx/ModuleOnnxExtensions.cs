using System.Numerics;
using MiniGrad.Nn;

namespace MiniGrad.Onnx;

/// <summary><c>module.ExportOnnx(path, inputShape)</c>: <see cref="OnnxExport.Export{T}"/> as an extension method.</summary>
public static class ModuleOnnxExtensions
{
    /// <summary>
    /// Writes <paramref name="module"/> to <paramref name="path"/> as an ONNX model taking inputs of shape
    /// <c>[batch, ...inputShape]</c>; see <see cref="OnnxExport.Export{T}"/>.
    /// </summary>
    /// <inheritdoc cref="OnnxExport.Export{T}" path="/param"/>
    /// <inheritdoc cref="OnnxExport.Export{T}" path="/exception"/>
    public static void ExportOnnx<T>(this Module<T> module, string path, params int[] inputShape)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => OnnxExport.Export(module, path, inputShape);
}
