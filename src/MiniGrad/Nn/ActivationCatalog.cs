using System.Numerics;
using System.Reflection;
using MiniGrad.Nn;

namespace MiniGrad;

/// <summary>
/// Every activation module MiniGrad has, by name, found in the library rather than listed by hand: each generic
/// <see cref="Module{T}"/> in <c>MiniGrad.Nn</c> that can be built from PyTorch's defaults and has a
/// <c>Functional</c> activation of the same name (so new activations appear here as soon as they exist, and layers
/// such as Dropout or Flatten do not). Names are matched without case, underscores or dashes: <c>leaky_relu</c>,
/// <c>LeakyReLU</c> and <c>leakyrelu</c> are one name.
/// </summary>
/// <remarks>
/// Arguments: optional ones take their defaults; a required <c>int dim</c> (softmax, log_softmax, softmin) takes -1,
/// the feature dim of a [batch, features] input (what PyTorch picks for a 2-D input when dim is left out); a
/// <see cref="Generator"/> (rrelu's random slopes) takes the run's generator. Modules with other required arguments
/// (threshold) are left out.
/// <para>The <c>minigrad</c> command (train, plot) and MiniGrad Lab offer exactly these names.</para>
/// </remarks>
public static class ActivationCatalog
{
    /// <summary>The name that means "no activation": the network is then a product of linear maps.</summary>
    public const string None = "none";

    private static readonly Lazy<SortedDictionary<string, Type>> Types = new(Discover);

    // Activations whose negative side is flat or nearly so: their units can "die" (never fire on any sample).
    private static readonly HashSet<string> ReluLike = ["relu", "relu6", "leakyrelu", "prelu", "rrelu"];

    // Functions of a whole row (each output depends on every input of its row, or Glu halves the row): they have no
    // curve of their own and are not a unit-wise hidden activation.
    private static readonly HashSet<string> RowWise = ["softmax", "logsoftmax", "softmin", "glu"];

    /// <summary>The known names in display form (snake_case, as the tutorials write them), sorted, plus <c>none</c>.</summary>
    public static IReadOnlyList<string> Names =>
        [.. Types.Value.Values.Select(DisplayName).Order(StringComparer.Ordinal), None];

    /// <summary>The module types' key form of a name: lower case without '_' and '-'.</summary>
    public static string Key(string name) => name.Replace("_", "").Replace("-", "").ToLowerInvariant();

    /// <summary>True when <paramref name="name"/> is an activation (or <c>none</c>).</summary>
    public static bool Contains(string name) => Key(name) == None || Types.Value.ContainsKey(Key(name));

    /// <summary>The display name (<c>leaky_relu</c>) of <paramref name="name"/>.</summary>
    public static string Normalize(string name) =>
        Key(name) == None ? None
        : Types.Value.TryGetValue(Key(name), out var t) ? DisplayName(t)
        : throw new ArgumentException($"unknown activation '{name}'.", nameof(name));

    /// <summary>Whether units of this activation can die (ReLU and its piecewise-linear kin).</summary>
    public static bool IsReluLike(string name) => ReluLike.Contains(Key(name));

    /// <summary>
    /// Whether <paramref name="name"/> is an elementwise activation: each output element depends on its own input
    /// element only, so the function has a curve y = f(x) and a derivative f'(x). False for <c>none</c>, for unknown
    /// names and for the functions of a whole row (softmax, log_softmax, softmin, glu).
    /// </summary>
    public static bool IsElementwise(string name) => Key(name) != None && Types.Value.ContainsKey(Key(name)) && !RowWise.Contains(Key(name));

    /// <summary>The elementwise activations' display names (see <see cref="IsElementwise"/>), sorted.</summary>
    public static IReadOnlyList<string> ElementwiseNames => [.. Names.Where(IsElementwise)];

    /// <summary>
    /// A new module for <paramref name="name"/> with PyTorch's default arguments (see the remarks), or null for
    /// <c>none</c>. <paramref name="generator"/> feeds activations that draw random numbers (rrelu).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not an activation.</exception>
    public static Module<T>? Create<T>(string name, Generator? generator = null)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Key(name) == None) return null;
        if (!Types.Value.TryGetValue(Key(name), out var open))
            throw new ArgumentException($"unknown activation '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
        var closed = open.MakeGenericType(typeof(T));
        var ctor = closed.GetConstructors().First(c => c.GetParameters().All(Fillable));
        var args = ctor.GetParameters().Select(p =>
            p.ParameterType == typeof(Generator) ? generator
            : IsDim(p) && !p.IsOptional ? -1
            : p.DefaultValue is DBNull ? null : p.DefaultValue).ToArray();
        return (Module<T>)ctor.Invoke(args);
    }

    private static bool IsDim(ParameterInfo p) => p.ParameterType == typeof(int) && p.Name == "dim";

    private static bool Fillable(ParameterInfo p) => p.IsOptional || IsDim(p) || p.ParameterType == typeof(Generator);

    private static string DisplayName(Type t)
    {
        string n = t.Name[..t.Name.IndexOf('`')];
        // Relu -> relu, LeakyRelu -> leaky_relu, Relu6 -> relu6, Gelu -> gelu.
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < n.Length; i++)
        {
            if (i > 0 && char.IsUpper(n[i])) sb.Append('_');
            sb.Append(char.ToLowerInvariant(n[i]));
        }
        return sb.ToString();
    }

    private static SortedDictionary<string, Type> Discover()
    {
        var result = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        foreach (var t in typeof(Module<>).Assembly.GetExportedTypes())
        {
            if (!t.IsClass || t.IsAbstract || !t.IsGenericTypeDefinition || t.Namespace != "MiniGrad.Nn") continue;
            if (t.GetGenericArguments().Length != 1 || !DerivesFromModule(t)) continue;
            if (!t.GetConstructors().Any(c => c.GetParameters().All(Fillable))) continue;
            // Layers that are not activations can be built from defaults too (Identity, Flatten, Dropout with the
            // run's generator, Softmax2d for images): an activation module is the module of the Functional
            // activation of the same name.
            string name = t.Name[..t.Name.IndexOf('`')];
            if (!typeof(Functional).GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == name)) continue;
            result[Key(name)] = t;
        }
        return result;
    }

    private static bool DerivesFromModule(Type t)
    {
        for (var b = t.BaseType; b is not null; b = b.BaseType)
            if (b.IsGenericType && b.GetGenericTypeDefinition() == typeof(Module<>)) return true;
        return false;
    }
}
