using System.Numerics;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Ops;

/// <summary>
/// Issue 13, "no silent wrong answer": every activation, loss and op gives a finite value and finite gradients for
/// every finite input on which its true value and gradient are finite. Each case of
/// <see cref="StabilitySweepCases{T}"/> is swept, forward and backward (with a random upstream gradient), in float
/// with magnitudes up to ±1e30 and in double up to ±1e300: deterministically through its domain's extremes, then by
/// FsCheck over random mixes of extremes and log-uniform magnitudes. Where the true value overflows (Exp above
/// ln(MaxValue), powers and products beyond √H, a divisor of 0) a case's domain stops short, says why, and
/// <see cref="WhereTheTrueValueOverflowsTheResultIsPyTorchs"/> pins the result PyTorch gives there. A last test keeps
/// the list complete: a public op, activation or loss that no case covers fails it. Second derivatives
/// (<c>createGraph</c>) are swept at the same extremes for every case but those whose second derivative is itself
/// infinite at its domain's edge (<see cref="SecondOrderNotSwept"/>).
/// </summary>
public class StabilitySweepTests
{
    /// <summary>Public members the sweep leaves out on purpose, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotSwept = new Dictionary<string, string>
    {
        ["Functional.Custom"] = "runs the caller's own formula (CustomActivation): its stability is the caller's, checked with GradCheck",
        ["Nn.CustomActivation"] = "as Functional.Custom",
        ["Nn.Sequential"] = "a container: it runs its children, each swept on its own",
    };

    /// <summary>Cases whose second derivatives the sweep leaves out, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> SecondOrderNotSwept = new Dictionary<string, string>
    {
        ["Log"] = "log'' = -1/x² overflows at the domain's small end (1/H): the true value is infinite",
        ["Sqrt"] = "sqrt'' = -x^(-3/2)/4 overflows at 1/H: the true value is infinite",
        ["Pow(0.5)"] = "as Sqrt",
        ["Pow(-1)"] = "(1/x)'' = 2/x³ overflows at H^-1/2: the true value is infinite",
        ["2 / b"] = "(2/b)'' = 4/b³ overflows at H^-1/2: the true value is infinite",
        ["ArgMax"] = "not differentiable (indices)",
        ["ArgMin"] = "not differentiable (indices)",
        ["Log2"] = "as Log",
        ["Reciprocal"] = "as Pow(-1)",
        ["Rsqrt"] = "rsqrt'' = ¾x^(-5/2) overflows at the domain's small end: the true value is infinite",
    };

    public static TheoryData<string> FloatCases() => Names<float>();

    public static TheoryData<string> DoubleCases() => Names<double>();

    private static TheoryData<string> Names<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var data = new TheoryData<string>();
        foreach (var c in StabilitySweepCases<T>.All) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatFiniteAtTheExtremes(string name) => Extremes(StabilitySweepCases<float>.All.Single(c => c.Name == name));

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void DoubleFiniteAtTheExtremes(string name) => Extremes(StabilitySweepCases<double>.All.Single(c => c.Name == name));

    [Fact]
    public void FloatSecondDerivativesFiniteAtTheExtremes() => SecondOrder<float>();

    [Fact]
    public void DoubleSecondDerivativesFiniteAtTheExtremes() => SecondOrder<double>();

    [Property(MaxTest = 15)]
    public Property FloatFiniteOnRandomFiniteInputs() => Random<float>();

    [Property(MaxTest = 15)]
    public Property DoubleFiniteOnRandomFiniteInputs() => Random<double>();

    /// <summary>Every input filled by cycling through its domain's extremes (shifted per input), then all +max, then all -max.</summary>
    /// <summary>
    /// Gradients of gradients (<c>createGraph</c>), which every op supports: each case but those of
    /// <see cref="SecondOrderNotSwept"/> on the same extreme patterns.
    /// </summary>
    private static void SecondOrder<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var c in StabilitySweepCases<T>.All.Where(c => !SecondOrderNotSwept.ContainsKey(c.Name)))
            Extremes(c, secondOrder: true);
    }

    private static void Extremes<T>(SweepCase<T> c, bool secondOrder = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int pattern = 0; pattern < 3; pattern++)
        {
            int p = pattern;
            Check(c, (d, k, i) =>
            {
                var e = d.Extremes();
                return p switch { 0 => e[(i + 3 * k) % e.Length], 1 => e[0], _ => d.Signed ? Math.Max(-e[0], -d.Cap) : e[0] };
            }, seed: p, secondOrder);
        }
    }

    /// <summary>Every case on random inputs drawn from a seed (not shrunk: a smaller seed is only another input).</summary>
    private static Property Random<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();
        return Prop.ForAll(seeds, seed =>
        {
            foreach (var c in StabilitySweepCases<T>.All)
            {
                var r = new Random(seed ^ c.Name.Length * 7919);
                Check(c, (d, _, _) => d.Draw(r), seed);
            }
        });
    }

    /// <summary>Runs one case on inputs from <paramref name="value"/> (domain, input, element): value and every gradient finite.</summary>
    private static void Check<T>(SweepCase<T> c, Func<SweepDomain, int, int, double> value, int seed, bool secondOrder = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var inputs = new Tensor<T>[c.Inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var (shape, d) = c.Inputs[k];
            var t = Tensor<T>.Zeros(shape);
            var s = t.Span;
            for (int i = 0; i < s.Length; i++) s[i] = T.CreateChecked(d.Fixed is { } f ? f(i) : value(d, k, i));
            inputs[k] = d.Fixed is null ? t.RequireGrad() : t;
        }
        string Where() => $"{typeof(T).Name} {c.Name} on {string.Join(" and ", inputs.Select(x => "[" + string.Join(", ", x.ToArray()) + "]"))}";

        var y = c.Apply(inputs);
        foreach (var v in y.ToArray())
            Assert.True(T.IsFinite(v), $"{Where()}: value {v}");
        if (!y.RequiresGrad) return;
        var g = Tensor<T>.Zeros(y.Shape.Dims.ToArray());
        var gs = g.Span;
        var r = new Random(seed);
        for (int i = 0; i < gs.Length; i++) gs[i] = T.CreateChecked(r.NextDouble() * 2 - 1);
        if (secondOrder)
        {
            var differentiable = inputs.Where(x => x.RequiresGrad).ToArray();
            Tensor<T>? total = null;
            foreach (var first in Autograd.Grad(y, differentiable, g, createGraph: true))
                if (first is { RequiresGrad: true }) total = total is null ? first.Sum() : total + first.Sum();
            if (total is null) return;
            total.Backward();
            for (int k = 0; k < inputs.Length; k++)
            {
                if (inputs[k].Grad is not { } second) continue;
                foreach (var v in second.ToArray())
                    Assert.True(T.IsFinite(v), $"{Where()}: second-order gradient {v} for input {k}");
            }
            return;
        }
        y.Backward(g);
        for (int k = 0; k < inputs.Length; k++)
        {
            if (inputs[k].Grad is not { } grad) continue;
            foreach (var v in grad.ToArray())
                Assert.True(T.IsFinite(v), $"{Where()}: gradient {v} for input {k}");
        }
    }

    /// <summary>
    /// Beyond the domains: the true value overflows, and MiniGrad gives what PyTorch 1.13 gives (torch.exp,
    /// torch.pow, x*x, F.mse_loss, torch.log, torch.sqrt and 1/x at the same inputs).
    /// </summary>
    [Fact]
    public void WhereTheTrueValueOverflowsTheResultIsPyTorchs()
    {
        Assert.Equal(double.PositiveInfinity, Tensor.FromArray(new[] { 1000.0 }).Exp().Item());
        Assert.Equal(float.PositiveInfinity, Tensor.FromArray(new[] { 89f }).Exp().Item());
        Assert.Equal(0.0, Tensor.FromArray(new[] { -1e300 }).Exp().Item());
        Assert.Equal(float.PositiveInfinity, Tensor.FromArray(new[] { 1e30f }).Pow(2).Item());
        var x = Tensor.FromArray(new[] { 1e300, -1e300 });
        Assert.Equal(new[] { double.PositiveInfinity, double.PositiveInfinity }, (x * x).ToArray());
        var p = Tensor.FromArray(new[] { 1e30f, -1e30f });
        Assert.Equal(float.PositiveInfinity, Functional.MseLoss(p, -p).Item());
        Assert.Equal(double.NegativeInfinity, Tensor.FromArray(new[] { 0.0 }).Log().Item());
        var zero = Tensor.FromArray(new[] { 0.0 }).RequireGrad();
        zero.Sqrt().Sum().Backward();
        Assert.Equal(double.PositiveInfinity, zero.Grad!.Item());
        Assert.Equal(double.PositiveInfinity, (1.0 / Tensor.FromArray(new[] { 0.0 })).Item());
    }

    /// <summary>
    /// The sweep is complete: every public static method of <c>Functional</c>, every loss module (<c>Nn.*Loss</c>), every
    /// layer module declared in src/MiniGrad/Nn (<c>Nn.LayerNorm</c>) and
    /// every public method, operator and indexer that src/MiniGrad/Ops declares on <c>Tensor&lt;T&gt;</c> and <c>Tensor</c>
    /// is covered by a case or named in <see cref="NotSwept"/> with its reason; and no case names a member that does not exist.
    /// </summary>
    [Fact]
    public void EveryPublicOpActivationAndLossIsSwept()
    {
        var api = PublicApi();
        var covered = StabilitySweepCases<float>.All.SelectMany(c => c.Covers)
            .Concat(StabilitySweepCases<double>.All.SelectMany(c => c.Covers)).ToHashSet();
        var missing = api.Where(m => !covered.Contains(m) && !NotSwept.ContainsKey(m)).Order().ToList();
        Assert.True(missing.Count == 0,
            "Public ops, activations or losses that the stability sweep does not cover; add a case to " +
            "tests/MiniGrad.Tests/Ops/StabilitySweepCases.cs (or, with the reason, to NotSwept):\n" + string.Join("\n", missing));
        var unknown = SecondOrderNotSwept.Keys.Where(n => StabilitySweepCases<float>.All.All(c => c.Name != n)).ToList();
        Assert.True(unknown.Count == 0, "SecondOrderNotSwept names no case: " + string.Join(", ", unknown));
        var stale = covered.Concat(NotSwept.Keys).Where(m => !api.Contains(m)).Order().ToList();
        Assert.True(stale.Count == 0, "Sweep entries naming no public member:\n" + string.Join("\n", stale));
        Assert.Contains("Functional.Gelu", api);
        Assert.Contains("Tensor<T>.Exp()", api);
        Assert.Contains("Nn.CrossEntropyLoss", api);
        Assert.Contains("Nn.BatchNorm1d", api);
    }

    /// <summary>The keys of the public API the sweep must cover.</summary>
    private static HashSet<string> PublicApi()
    {
        var api = new HashSet<string>();
        foreach (var m in typeof(Functional).GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            api.Add("Functional." + m.Name);
        foreach (var t in typeof(Functional).Assembly.GetExportedTypes())
            if (t.Namespace == "MiniGrad.Nn" && t.Name.EndsWith("Loss", StringComparison.Ordinal)) api.Add("Nn." + t.Name);

        // The layer modules declared in src/MiniGrad/Nn itself (the activation wrappers of Nn/Activations are swept
        // through Functional).
        string nn = Path.Combine(Repository.Root(), "src", "MiniGrad", "Nn");
        foreach (string file in Directory.EnumerateFiles(nn, "*.cs", SearchOption.TopDirectoryOnly))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var type in root.DescendantNodes().OfType<ClassDeclarationSyntax>())
                if (type.Modifiers.Any(SyntaxKind.PublicKeyword) && type.BaseList?.Types.Any(b => b.Type.ToString() == "Module<T>") == true)
                    api.Add("Nn." + type.Identifier.Text);
        }

        string ops = Path.Combine(Repository.Root(), "src", "MiniGrad", "Ops");
        foreach (string file in Directory.EnumerateFiles(ops, "*.cs", SearchOption.AllDirectories))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (var type in root.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(t => t.Identifier.Text == "Tensor"))
            {
                string owner = type.TypeParameterList is null ? "Tensor" : "Tensor<T>";
                foreach (var member in type.Members.Where(m => m.Modifiers.Any(SyntaxKind.PublicKeyword)))
                {
                    string? key = member switch
                    {
                        MethodDeclarationSyntax m => $"{m.Identifier.Text}({Parameters(m.ParameterList.Parameters)})",
                        OperatorDeclarationSyntax o => $"operator {o.OperatorToken.Text}({Parameters(o.ParameterList.Parameters)})",
                        IndexerDeclarationSyntax i => $"this[{Parameters(i.ParameterList.Parameters)}]",
                        _ => null,
                    };
                    if (key is not null) api.Add(owner + "." + key);
                }
            }
        }
        return api;
    }

    private static string Parameters(SeparatedSyntaxList<ParameterSyntax> ps) =>
        string.Join(", ", ps.Select(p => string.Join(" ", p.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
}
