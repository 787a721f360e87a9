using System.Numerics;
using System.Reflection;
using MiniGrad.Nn;

namespace MiniGrad.Lab;

/// <summary>
/// The activations the lab offers: every generic module in <c>MiniGrad.Nn</c> that can be built from PyTorch's
/// defaults and has a <c>Functional</c> activation of the same name (found in the library, so a new activation shows
/// up without touching the lab), keyed by its lower-case name (<c>leakyrelu</c>), plus <c>none</c>.
/// </summary>
/// <remarks>
/// The CLI's <c>ActivationCatalog</c> finds them the same way; the lab cannot reference the CLI (the CLI hosts the
/// lab), so the rule is repeated here in its short form.
/// </remarks>
public static class LabActivations
{
    /// <summary>The name of "no activation": the network is then a product of linear maps.</summary>
    public const string None = "none";

    private static readonly Lazy<SortedDictionary<string, Type>> Types = new(Discover);

    /// <summary>The names, sorted, then <c>none</c>.</summary>
    public static IReadOnlyList<string> Names => [.. Types.Value.Keys, None];

    /// <summary>True when <paramref name="name"/> (case-insensitive) is an activation or <c>none</c>.</summary>
    public static bool Contains(string name) => Key(name) == None || Types.Value.ContainsKey(Key(name));

    /// <summary>Whether units of this activation can die: ReLU and its piecewise-linear kin have a flat negative side.</summary>
    public static bool CanDie(string name) => Key(name) is "relu" or "relu6" or "leakyrelu" or "prelu" or "rrelu" or "hardtanh";

    /// <summary>A new module for <paramref name="name"/> with PyTorch's defaults, or null for <c>none</c>.</summary>
    /// <exception cref="ArgumentException">The name is not an activation.</exception>
    public static Module<T>? Create<T>(string name, Generator generator)
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

    private static string Key(string name) => name.Replace("_", "").Replace("-", "").ToLowerInvariant();

    private static bool IsDim(ParameterInfo p) => p.ParameterType == typeof(int) && p.Name == "dim";

    private static bool Fillable(ParameterInfo p) => p.IsOptional || IsDim(p) || p.ParameterType == typeof(Generator);

    private static SortedDictionary<string, Type> Discover()
    {
        var result = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        var functional = typeof(Functional).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).ToHashSet();
        foreach (var t in typeof(Module<>).Assembly.GetExportedTypes())
        {
            if (!t.IsClass || t.IsAbstract || !t.IsGenericTypeDefinition || t.Namespace != "MiniGrad.Nn") continue;
            if (t.GetGenericArguments().Length != 1 || !t.GetConstructors().Any(c => c.GetParameters().All(Fillable))) continue;
            string name = t.Name[..t.Name.IndexOf('`')];
            // Softmax-like activations mix a row's units and Glu halves them: neither is a unit-wise hidden activation.
            if (!functional.Contains(name) || !DerivesFromModule(t) || name is "Glu" or "Softmax" or "LogSoftmax" or "Softmin") continue;
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
