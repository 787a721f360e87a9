using System.CommandLine;
using MiniGrad.Study;

namespace MiniGrad.Cli;

/// <summary><c>minigrad graph</c>: the graph of a built-in example as Graphviz DOT, and as SVG when dot is installed.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var example = ExampleArgument.Create($"Which computation to draw: {string.Join(", ", StudyExamples.Names)}.");
        example.DefaultValueFactory = _ => "scalar";
        var outputOption = new Option<string>("--output", "-o")
        {
            Description = "Where to write the DOT file; the SVG goes next to it with the extension .svg.",
            DefaultValueFactory = _ => "graph.dot",
        }.FileToWrite();
        var noBackward = new Option<bool>("--no-backward") { Description = "Draw the graph before the backward pass (no gradients in the boxes)." }.Flag();
        var command = new Command("graph",
            "Write the graph behind a built-in example in Graphviz's DOT language (tensors with shape, values and gradients; ops), " +
            "and render it to SVG when Graphviz's dot is installed.");
        command.Arguments.Add(example);
        command.Options.Add(outputOption);
        command.Options.Add(noBackward);
        command.Action = new CliAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string name = parse.GetValue(example)!;
            string dotPath = parse.GetValue(outputOption)!;
            using var tape = Tape.Begin();
            var root = StudyExamples.Build(name);
            if (!parse.GetValue(noBackward))
            {
                GraphTools.RetainAllGrads(root); // so every box shows its gradient, as in micrograd's drawings
                root.Backward();
            }
            string dot = GraphDot.Export(root, StudyExamples.Describe(name));
            File.WriteAllText(dotPath, dot);
            output.WriteLine($"wrote {dotPath}");

            string svgPath = Path.ChangeExtension(dotPath, ".svg");
            if (GraphvizRenderer.FindDot() is null)
            {
                output.WriteLine($"{GraphvizRenderer.InstallHint}; to render the graph: dot -Tsvg {dotPath} -o {svgPath}");
                return 0;
            }
            var (code, svg, dotError) = GraphvizRenderer.Run(dot, "svg");
            if (code != 0) return Failure.Runtime(parse, $"dot failed with exit code {code}: {dotError.Trim()}");
            File.WriteAllText(svgPath, svg);
            output.WriteLine($"wrote {svgPath}");
            return 0;
        });
        return command;
    }
}
