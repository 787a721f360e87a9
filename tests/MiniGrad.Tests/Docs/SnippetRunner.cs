using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MiniGrad.Tests.Docs;

/// <summary>
/// Compiles a C# snippet of the documentation with Roslyn, as the file of a console project with the SDK's implicit
/// usings and nullable annotations on (what <c>dotnet new console</c> gives), against MiniGrad, MiniGrad.Testing and
/// xunit and FsCheck.Xunit; then runs it in this process and returns what it wrote to <see cref="Console.Out"/>.
/// A snippet with top-level statements is run as a program. A snippet without them is run by calling each of its
/// <c>[Fact]</c> methods, as a test runner would, and checking each <c>[Property]</c> method's property as FsCheck.Xunit
/// would (its <c>MaxTest</c> cases; "Ok, passed N tests." printed, as the runner shows it); one with neither has
/// nothing to run (mark it compile-only).
/// Console.Out is process-wide: callers must not run beside tests that write to it (see <see cref="DocsCollection"/>).
/// </summary>
public static class SnippetRunner
{
    /// <summary>The global usings of a console project with <c>ImplicitUsings</c> on (.NET SDK's list for Microsoft.NET.Sdk).</summary>
    public const string ImplicitUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n" +
        "global using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>The result of compiling a snippet: its assembly image, or the diagnostics that stopped it.</summary>
    public sealed record Compiled(byte[]? Image, bool HasTopLevelStatements, IReadOnlyList<string> Problems);

    /// <summary>
    /// Compiles <paramref name="code"/>. Errors and warnings are both problems (the project builds with warnings as
    /// errors, and a snippet should too); hidden and info diagnostics (an unused using) are not.
    /// </summary>
    public static Compiled Compile(string code, string name)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, path: name, encoding: Encoding.UTF8);
        var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "ImplicitUsings.cs", encoding: Encoding.UTF8);
        bool topLevel = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(
            topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Enable)
            // The SDK's default NoWarn: assembly-version unification warnings (FsCheck.Xunit names an older xunit).
            .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]);
        var compilation = CSharpCompilation.Create("DocSnippet_" + Guid.NewGuid().ToString("N"), [tree, usings], References.Value, options);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var problems = emitted.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .Select(d => d.ToString())
            .ToList();
        return new Compiled(emitted.Success && problems.Count == 0 ? image.ToArray() : null, topLevel, problems);
    }

    /// <summary>
    /// Runs a compiled snippet on a thread of its own (so it starts with a fresh tape, as a program does) and returns
    /// what it printed, with line ends as <c>\n</c>. An exception from the snippet is rethrown.
    /// </summary>
    public static string Run(Compiled compiled)
    {
        ArgumentNullException.ThrowIfNull(compiled.Image);
        var context = new AssemblyLoadContext("DocSnippet", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(compiled.Image));
            var actions = compiled.HasTopLevelStatements ? [() => RunEntryPoint(assembly)] : FactMethods(assembly);
            if (actions.Count == 0)
                throw new InvalidOperationException("The snippet has neither top-level statements nor [Fact] methods, so nothing runs: " +
                                                    "make it runnable, or mark it with <!-- snippet: compile-only -->.");
            return CaptureConsole(() => { foreach (var action in actions) action(); });
        }
        finally
        {
            context.Unload();
        }
    }

    private static void RunEntryPoint(Assembly assembly)
    {
        var main = assembly.EntryPoint ?? throw new InvalidOperationException("The snippet compiled to a program without an entry point.");
        object? result = main.Invoke(null, main.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        if (result is Task task) task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Every public parameterless method marked <c>[Fact]</c> (which <c>[Property]</c> derives from), each called on a new
    /// instance of its class; the <see cref="Property"/> a <c>[Property]</c> method returns is then checked.
    /// </summary>
    private static List<Action> FactMethods(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any() && m.GetParameters().Length == 0)
            .Select(m => (Action)(() =>
            {
                object? instance = m.IsStatic ? null : Activator.CreateInstance(m.DeclaringType!);
                try
                {
                    object? result = m.Invoke(instance, null);
                    if (m.GetCustomAttribute<PropertyAttribute>() is { } attribute)
                        CheckProperty(m, attribute, result);
                }
                finally { (instance as IDisposable)?.Dispose(); }
            }))
            .ToList();

    /// <summary>Checks what a <c>[Property]</c> method returned with the attribute's case count, throwing on a counterexample.</summary>
    private static void CheckProperty(MethodInfo method, PropertyAttribute attribute, object? result)
    {
        if (result is not Property property)
            throw new InvalidOperationException(
                $"The snippet's [Property] method {method.Name} returns {method.ReturnType.Name}: the docs check runs [Property] methods " +
                "without parameters that return an FsCheck Property (build it with Prop.ForAll or GradProperties.Holds).");
        var config = Config.QuickThrowOnFailure.WithMaxTest(attribute.MaxTest).WithQuietOnSuccess(attribute.QuietOnSuccess);
        Check.One(config, property);
    }

    private static string CaptureConsole(Action action)
    {
        var writer = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        var original = Console.Out;
        Exception? failure = null;
        Console.SetOut(writer);
        try
        {
            var thread = new Thread(() =>
            {
                try { action(); }
                catch (TargetInvocationException e) when (e.InnerException is not null) { failure = e.InnerException; }
                catch (Exception e) { failure = e; }
            }, maxStackSize: 16 * 1024 * 1024);
            thread.Start();
            if (!thread.Join(TimeSpan.FromMinutes(2))) throw new TimeoutException("The snippet ran for more than two minutes.");
        }
        finally
        {
            Console.SetOut(original);
        }
        if (failure is not null) throw new InvalidOperationException("The snippet threw: " + failure, failure);
        return writer.ToString().Replace("\r\n", "\n");
    }

    /// <summary>
    /// The framework's assemblies, and the assemblies a reader of the docs references: MiniGrad, MiniGrad.Testing, MiniGrad.Onnx and
    /// ONNX Runtime, xunit, FsCheck.Xunit, and what their public surfaces use (System.Numerics.Tensors, FsCheck, FSharp.Core).
    /// </summary>
    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        string frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var libraries = new[]
        {
            typeof(Tensor).Assembly, typeof(MiniGrad.Testing.GradProperties).Assembly,
            typeof(MiniGrad.Onnx.OnnxExport).Assembly, typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly,
            typeof(FactAttribute).Assembly, typeof(Assert).Assembly, typeof(Xunit.Abstractions.ITestOutputHelper).Assembly,
            typeof(PropertyAttribute).Assembly,
        };
        foreach (var library in libraries)
        {
            paths.Add(library.Location);
            foreach (var name in library.GetReferencedAssemblies())
            {
                string candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
                if (File.Exists(candidate)) paths.Add(candidate);
            }
        }
        return paths.Order(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
