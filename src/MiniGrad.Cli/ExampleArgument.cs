using System.CommandLine;
using MiniGrad.Study;

namespace MiniGrad.Cli;

/// <summary>The argument of <c>explain</c> and <c>graph</c>: the name of one of <see cref="StudyExamples.Names"/>.</summary>
internal static class ExampleArgument
{
    public static Argument<string> Create(string description)
    {
        var argument = new Argument<string>("example") { Description = description };
        argument.CompletionSources.Add(StudyExamples.Names.ToArray());
        return argument.Accepting("the example", $"one of {string.Join(", ", StudyExamples.Names)}", (string text, out string value) =>
        {
            value = text;
            return StudyExamples.Names.Contains(text);
        });
    }
}
