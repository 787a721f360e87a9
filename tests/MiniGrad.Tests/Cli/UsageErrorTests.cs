using System.CommandLine;
using MiniGrad.Cli;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Cli;

/// <summary>Every kind of command-line mistake, for every command: exit code 2 and one line on stderr, no help, no stack trace.</summary>
public sealed class UsageErrorTests() : TempFolderTest("minigrad-usage-")
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Invoke(args);

    public static TheoryData<string, string[]> Mistakes => new()
    {
        // minigrad itself
        { "minigrad: give a command: version, train, predict, export, explain, graph, gradcheck, plot, lab", [] },
        { "minigrad: unknown command 'trian'; the commands are version, train, predict, export, explain, graph, gradcheck, plot, lab.", ["trian"] },
        { "minigrad: unknown option '--bogus'; the options of minigrad are --help, --version.", ["--bogus"] },
        // version
        { "minigrad version: unexpected argument 'extra'; version takes no arguments.", ["version", "extra"] },
        { "minigrad version: unknown option '--short'; the options of version are --help.", ["version", "--short"] },
        // train: unknown option, extra argument, missing value, value given twice, each kind of bad value, the dry run
        { "minigrad train: unknown option '--epoch'; the options of train are --activation,", ["train", "--epoch", "3"] },
        { "minigrad train: unexpected argument 'xor'; train takes no arguments.", ["train", "xor"] },
        { "minigrad train: --epochs needs a value: a whole number of at least 1.", ["train", "--epochs"] },
        { "minigrad train: --epochs takes one value, got 2 ('1', '2'); give it once.", ["train", "--epochs", "1", "--epochs", "2"] },
        { "minigrad train: --epochs must be a whole number of at least 1, got '1.5'.", ["train", "--epochs", "1.5"] },
        { "minigrad train: --samples must be a whole number of at least 1, got '-3'.", ["train", "--samples", "-3"] },
        { "minigrad train: --lr must be a positive number, got 'fast'.", ["train", "--lr", "fast"] },
        { "minigrad train: --lr must be a positive number, got 'Infinity'.", ["train", "--lr", "Infinity"] },
        { "minigrad train: --task must be one of random, sine, xor, spirals, iris, digits, got 'moons'.", ["train", "-t", "moons"] },
        { "minigrad train: --optimizer must be one of adam, adamw, sgd, got 'rmsprop'.", ["train", "-o", "rmsprop"] },
        { "minigrad train: --activation must be one of celu, elu, gelu,", ["train", "-a", "swishy"] },
        { "minigrad train: --hidden must be layer sizes of at least 1, comma-separated (like 18,18,4), or none, got '18;4'.", ["train", "--hidden", "18;4"] },
        { "minigrad train: --plot must be a file in an existing directory, got '/no/such/dir/loss.svg'.", ["train", "--plot", "/no/such/dir/loss.svg"] },
        { "minigrad train: activation 'glu' does not fit between Linear layers:", ["train", "--activation", "glu"] },
        { "minigrad train: --activation cannot be combined with --compare, which trains once with every activation;", ["train", "--compare", "-a", "relu"] },
        // explain
        { "minigrad explain: the example must be one of scalar, hooks, linear, got 'quadratic'.", ["explain", "quadratic"] },
        { "minigrad explain: unknown option '--bogus'; the options of explain are --help.", ["explain", "--bogus"] },
        { "minigrad explain: unexpected argument 'linear'; explain takes one example (one of scalar, hooks, linear).", ["explain", "scalar", "linear"] },
        // graph
        { "minigrad graph: the example must be one of scalar, hooks, linear, got 'quadratic'.", ["graph", "quadratic"] },
        { "minigrad graph: --output needs a value: a file in an existing directory.", ["graph", "--output"] },
        { "minigrad graph: --output must be a file in an existing directory, got '/no/such/dir/g.dot'.", ["graph", "-o", "/no/such/dir/g.dot"] },
        { "minigrad graph: unknown option '--backward'; the options of graph are --output, --no-backward, --help.", ["graph", "--backward"] },
        // gradcheck
        { "minigrad gradcheck: give an activation name or --all; the activations are Relu,", ["gradcheck"] },
        { "minigrad gradcheck: the activation must be one of Relu,", ["gradcheck", "Swishy"] },
        { "minigrad gradcheck: unexpected argument 'Gelu'; gradcheck takes one name (one of Relu,", ["gradcheck", "Relu", "Gelu"] },
        { "minigrad gradcheck: unknown option '--second-order'; the options of gradcheck are --all, --fast, --no-second-order, --help.", ["gradcheck", "Relu", "--second-order"] },
        // plot and plot activations
        { "minigrad plot: give a subcommand: activations.", ["plot"] },
        { "minigrad plot: unknown command 'loss'; the commands are activations.", ["plot", "loss"] },
        { "minigrad plot activations: --columns must be a whole number of at least 1, got '0'.", ["plot", "activations", "--columns", "0"] },
        { "minigrad plot activations: --range must be a positive number, got '-4'.", ["plot", "activations", "--range", "-4"] },
        { "(unknown activation 'swishy').", ["plot", "activations", "--only", "relu,swishy"] },
        { "(softmax is not elementwise: each output depends on the whole row, so it has no curve).", ["plot", "activations", "--only", "softmax"] },
        { "got ',' (it names no activation).", ["plot", "activations", "--only", ","] },
        { "minigrad plot activations: --output must be a file in an existing directory, got '/no/such/dir/a.svg'.", ["plot", "activations", "-o", "/no/such/dir/a.svg"] },
        { "minigrad plot activations: unexpected argument 'relu'; activations takes no arguments.", ["plot", "activations", "relu"] },
        // lab
        { "minigrad lab: --port must be a whole number of at least 1, got '0'.", ["lab", "--port", "0"] },
        { "minigrad lab: --port must be a whole number from 1 to 65535, got '70000'.", ["lab", "--port", "70000"] },
        { "minigrad lab: unexpected argument 'now'; lab takes no arguments.", ["lab", "now"] },
        { "minigrad plot activations: unknown option '--all'; the options of activations are --only, --output, --columns, --range, --help.", ["plot", "activations", "--all"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void MistakeExitsWith2AndOneLineOnStderr(string expected, string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(Failure.UsageExitCode, code);
        Assert.Equal("", output); // nothing done, no help printed
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("minigrad", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnExistingDirectoryIsNotAFileToWrite()
    {
        var (code, _, error) = Run("plot", "activations", "--only", "relu", "-o", Folder);
        Assert.Equal(2, code);
        Assert.Contains($"--output must be a file in an existing directory, got '{Folder}'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpIsNotAnError()
    {
        var (code, output, error) = Run("train", "--help");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("--task <random|sine|xor|spirals|iris|digits>", output, StringComparison.Ordinal);
        Assert.Contains("--optimizer <adam|adamw|sgd>", output, StringComparison.Ordinal);
    }
}
