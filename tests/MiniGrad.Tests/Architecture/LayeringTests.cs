using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Architecture;

/// <summary>
/// The folders of <c>src/MiniGrad</c> are floors, bottom up; code on one floor uses only its own floor and the ones
/// below it. The check compiles the library's source with Roslyn and resolves every name, operator and indexer to
/// the file that declares it, so a call through an extension, an operator or a partial type declared on a higher
/// floor counts as well as a plain type name. Documentation comments do not count.
/// </summary>
public class LayeringTests
{
    /// <summary>The floors, bottom first.</summary>
    public static readonly string[] Floors =
        ["Storage", "Kernels", "Tensors", "Tape", "Ops", "Activations", "Nn", "Losses", "Optim", "Data", "Checkpoints", "GradCheck", "Study"];

    private static readonly Lazy<LayerScan> Scan = new(() => LayerScan.Run(Path.Combine(Repository.Root(), "src", "MiniGrad")));

    [Fact]
    public void EverySourceFileLivesOnANamedFloor()
    {
        var strays = Scan.Value.Files.Where(f => Floor(f) < 0).ToList();
        Assert.True(strays.Count == 0, "Files outside the floors " + string.Join(", ", Floors) + ": " + string.Join(", ", strays));
    }

    [Fact]
    public void TheLibraryCompilesSoEveryNameIsResolved()
    {
        // Without a clean compilation some names would resolve to nothing and an upward use could go unseen.
        Assert.True(Scan.Value.Errors.Count == 0, string.Join(Environment.NewLine, Scan.Value.Errors.Take(20)));
        Assert.True(Scan.Value.ResolvedUses > 10_000, $"only {Scan.Value.ResolvedUses} uses resolved to source");
    }

    [Fact]
    public void NoFloorUsesAHigherOne()
    {
        var upward = Scan.Value.Uses
            .Where(u => Floor(u.FromFile) < Floor(u.ToFile))
            .Select(u => $"{u.FromFile}:{u.Line} ({Floors[Floor(u.FromFile)]}) uses {u.Symbol}, declared in {u.ToFile} ({Floors[Floor(u.ToFile)]})")
            .Distinct()
            .ToList();
        Assert.True(upward.Count == 0, upward.Count + " upward uses:" + Environment.NewLine + string.Join(Environment.NewLine, upward));
    }

    [Fact]
    public void OnlyTheTensorsAndTapeFloorsKnowTheBufferRecyclingPolicy()
    {
        // Higher floors clear gradients through Tensor<T>.ZeroGrad, which owns the policy.
        string[] policy = ["MiniGrad.Tape.RecycleBuffers", "MiniGrad.Tensor<T>.IsEngineGradient"];
        var readers = Scan.Value.Uses
            .Where(u => policy.Contains(u.Symbol) && Floor(u.FromFile) is var f && Floors[f] is not ("Tensors" or "Tape"))
            .Select(u => $"{u.FromFile}:{u.Line} uses {u.Symbol}")
            .ToList();
        Assert.True(readers.Count == 0, string.Join(Environment.NewLine, readers));
        Assert.Contains(Scan.Value.Uses, u => policy.Contains(u.Symbol)); // the names are right: the engine uses them
    }

    [Fact]
    public void TheCheckSeesAnUpwardUseWhenThereIsOne()
    {
        // The scanner itself, on a two-file library where the lower floor calls an operator of the higher one.
        string root = Directory.CreateTempSubdirectory("layers").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Tensors"));
            Directory.CreateDirectory(Path.Combine(root, "Ops"));
            File.WriteAllText(Path.Combine(root, "Tensors", "Box.cs"),
                "namespace M; public sealed partial class Box { public int V; public static Box Twice(Box b) => b + b; }");
            File.WriteAllText(Path.Combine(root, "Ops", "Box.Ops.cs"),
                "namespace M; public sealed partial class Box { public static Box operator +(Box a, Box b) => new() { V = a.V + b.V }; }");
            var scan = LayerScan.Run(root);
            Assert.Empty(scan.Errors);
            Assert.Contains(scan.Uses, u => u.FromFile == "Tensors/Box.cs" && u.ToFile == "Ops/Box.Ops.cs");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int Floor(string relativeFile) => Array.IndexOf(Floors, relativeFile.Split('/')[0]);

    /// <summary>One use of a source-declared symbol: where it is used and the file that declares it.</summary>
    private sealed record Use(string FromFile, int Line, string Symbol, string ToFile);

    /// <summary>Every use of a symbol declared in the scanned source, by file.</summary>
    private sealed class LayerScan
    {
        public List<string> Files { get; } = [];

        public List<Use> Uses { get; } = [];

        public List<string> Errors { get; } = [];

        public int ResolvedUses { get; private set; }

        public static LayerScan Run(string sourceRoot)
        {
            var scan = new LayerScan();
            var files = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(sourceRoot, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            scan.Files.AddRange(files);

            var parse = new CSharpParseOptions(LanguageVersion.Preview);
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(
                File.ReadAllText(Path.Combine(sourceRoot, f)), parse, path: f, encoding: Encoding.UTF8)).ToList();
            // The SDK's implicit usings, which the project's generated GlobalUsings file holds.
            trees.Add(CSharpSyntaxTree.ParseText(
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
                "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", parse, path: "<implicit usings>"));

            var compilation = CSharpCompilation.Create(
                "LayerScan",
                trees,
                References(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
            scan.Errors.AddRange(compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.ToString()));

            foreach (var tree in trees.Where(t => t.FilePath != "<implicit usings>"))
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not (SimpleNameSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax
                        or PostfixUnaryExpressionSyntax or AssignmentExpressionSyntax or ElementAccessExpressionSyntax
                        or BaseObjectCreationExpressionSyntax or CastExpressionSyntax))
                        continue;
                    var symbol = model.GetSymbolInfo(node).Symbol;
                    if (symbol is null) continue;
                    string? declaredIn = DeclaringFile(symbol);
                    if (declaredIn is null) continue;
                    scan.ResolvedUses++;
                    if (declaredIn != tree.FilePath)
                        scan.Uses.Add(new Use(tree.FilePath, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1, symbol.ToDisplayString(), declaredIn));
                }
            }

            return scan;
        }

        /// <summary>
        /// The file that declares <paramref name="symbol"/> in source, or null for metadata. A type declared in
        /// parts belongs to the lowest floor among its parts; a member belongs to the part that declares it.
        /// </summary>
        private static string? DeclaringFile(ISymbol symbol)
        {
            symbol = symbol switch
            {
                IMethodSymbol { ReducedFrom: { } extension } => extension,
                _ => symbol,
            };
            symbol = symbol.OriginalDefinition;
            if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor, IsImplicitlyDeclared: true } ctor) symbol = ctor.ContainingType;
            var files = symbol.Locations.Where(l => l.IsInSource).Select(l => l.SourceTree!.FilePath)
                .Where(f => f != "<implicit usings>")
                .ToList();
            if (files.Count == 0) return null;
            return files.OrderBy(f => Array.IndexOf(Floors, f.Split('/')[0]) is var i and >= 0 ? i : int.MaxValue)
                .ThenBy(f => f, StringComparer.Ordinal).First();
        }

        /// <summary>The running platform's assemblies and the library's package dependencies, not MiniGrad itself.</summary>
        private static List<MetadataReference> References()
        {
            string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
            return tpa.Split(Path.PathSeparator)
                .Where(p => !Path.GetFileName(p).StartsWith("MiniGrad", StringComparison.OrdinalIgnoreCase))
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList();
        }
    }
}
