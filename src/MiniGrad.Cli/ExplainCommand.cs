using System.CommandLine;
using MiniGrad.Study;

namespace MiniGrad.Cli;

/// <summary><c>minigrad explain</c>: the forward tape and the backward pass of a built-in example, step by step.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var example = ExampleArgument.Create($"Which computation to explain: {string.Join(", ", StudyExamples.Names)} (default: all).");
        example.Arity = ArgumentArity.ZeroOrOne;
        var command = new Command("explain",
            "List the tape of a small computation forward, then the backward pass in reverse with every gradient: " +
            "micrograd's scalar expression (scalar) and one Linear + ReLU + MSE step (linear).");
        command.Arguments.Add(example);
        command.Action = new CliAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            string? chosen = parse.GetValue(example);
            var names = chosen is null ? StudyExamples.Names : [chosen];
            foreach (var name in names)
            {
                using var tape = Tape.Begin();
                output.WriteLine($"== {StudyExamples.Describe(name)}");
                output.WriteLine();
                output.WriteLine(tape.Explain(StudyExamples.Build(name)));
            }
            return 0;
        });
        return command;
    }
}
