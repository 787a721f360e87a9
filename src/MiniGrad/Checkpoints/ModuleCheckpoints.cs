using System.Numerics;
using MiniGrad.Nn;

namespace MiniGrad.Checkpoints;

/// <summary>
/// Saves a module's parameters and buffers to a safetensors file and loads them back, under their state-dict names
/// (<c>0.weight</c>, <c>fc1.bias</c>, <c>1.running_mean</c>): the file PyTorch's
/// <c>model.load_state_dict(safetensors.torch.load_file(path))</c> reads, and that it writes with
/// <c>save_file(model.state_dict(), path)</c>.
/// </summary>
public static class ModuleCheckpoints
{
    /// <summary>
    /// Writes every parameter and buffer of <paramref name="module"/> to <paramref name="path"/> (F32 for a float
    /// module, F64 for a double one), crash-safe as <see cref="SafeTensors.Save(string, IReadOnlyDictionary{string, Tensor{float}}, IReadOnlyDictionary{string, string}?)"/>.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="module">The module.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="metadata">Free-form strings stored under <c>__metadata__</c>; null writes none.</param>
    public static void Save<T>(this Module<T> module, string path, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        SafeTensors.Save(path, State(module), metadata, wrap: null);
    }

    /// <summary>
    /// Copies the tensors of <paramref name="path"/> into the parameters and buffers of the same names, converting
    /// F16, BF16, F32 and F64 to <typeparamref name="T"/>. All or nothing: the file is validated and its names and
    /// shapes checked against the module (none missing, none unexpected, every shape equal) before anything changes.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="module">The module.</param>
    /// <param name="path">The file to read.</param>
    /// <exception cref="SafeTensorsFormatException">The file breaks the safetensors format.</exception>
    /// <exception cref="InvalidDataException">The file's names or shapes are not the module's; the message names the file and each tensor.</exception>
    public static void Load<T>(this Module<T> module, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        module.Load(SafeTensors.Load(path), path);
    }

    /// <summary>
    /// <see cref="Load{T}(Module{T}, string)"/> from a file already read with <see cref="SafeTensors.Load"/>: for a
    /// caller that reads the file's metadata too, so that the weights and the metadata come from the same read of
    /// the same bytes. The same checks, all or nothing.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="module">The module.</param>
    /// <param name="file">The file's contents.</param>
    /// <param name="source">Where the file came from, for the messages (its path).</param>
    /// <exception cref="InvalidDataException">The file's names or shapes are not the module's; the message names <paramref name="source"/> and each tensor.</exception>
    public static void Load<T>(this Module<T> module, SafeTensorsFile file, string source)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(source);
        var state = State(module);
        var problems = new List<string>();
        foreach (var (name, tensor) in state)
        {
            if (!file.Contains(name)) problems.Add($"tensor '{name}' {tensor.Shape} is missing");
            else if (file[name].Shape != tensor.Shape) problems.Add($"tensor '{name}' has shape {file[name].Shape} but the module's is {tensor.Shape}");
        }
        problems.AddRange(file.Names.Where(n => !state.ContainsKey(n)).Order(StringComparer.Ordinal).Select(n => $"tensor '{n}' is not in the module"));
        if (problems.Count > 0)
            throw new InvalidDataException($"{source}: {string.Join("; ", problems)}. No parameter or buffer was changed.");
        module.LoadStateDict(file.GetAll<T>());
    }

    /// <summary>The module's parameters and buffers themselves (not copies), by state-dict name.</summary>
    private static Dictionary<string, Tensor<T>> State<T>(Module<T> module) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var state = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (name, p) in module.NamedParameters()) state[name] = p;
        foreach (var (name, b) in module.NamedBuffers()) state[name] = b;
        return state;
    }
}
