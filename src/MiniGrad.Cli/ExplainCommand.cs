using System.CommandLine;
using MiniGrad.Study;

namespace MiniGrad.Cli;

/// <summary><c>minigrad explain</c>: the forward tape and the backward pass of a built-in example, step by step.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var example = new Argument<string>("example")
        {
            Description = $"Which computation to explain: {string.Join(", ", StudyExamples.Names)} (default: all).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("explain",
            "List the tape of a small computation forward, then the backward pass in reverse with every gradient: " +
            "micrograd's scalar expression (scalar) and one Linear + ReLU + MSE step (linear).");
        command.Arguments.Add(example);
        command.SetAction(parse =>
        {
            string? chosen = parse.GetValue(example);
            if (chosen is not null && !StudyExamples.Names.Contains(chosen))
            {
                Console.Error.WriteLine($"explain: unknown example '{chosen}'; choose one of {string.Join(", ", StudyExamples.Names)}.");
                return 2;
            }
            var names = chosen is null ? StudyExamples.Names : [chosen];
            foreach (var name in names)
            {
                using var tape = Tape.Begin();
                Console.WriteLine($"== {StudyExamples.Describe(name)}");
                Console.WriteLine();
                Console.WriteLine(tape.Explain(StudyExamples.Build(name)));
            }
            return 0;
        });
        return command;
    }
}
