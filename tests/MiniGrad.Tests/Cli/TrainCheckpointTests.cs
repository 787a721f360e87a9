using System.CommandLine;
using MiniGrad.Checkpoints;
using MiniGrad.Cli;
using MiniGrad.Cli.Training;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Cli;

/// <summary>
/// <c>minigrad train --checkpoint FILE [--checkpoint-every N]</c> and <c>--resume FILE [--epochs E]</c>: a run
/// resumed from its checkpoint, in a new process, ends with the very bits of the same run made in one go; a missing,
/// corrupt, foreign or mismatched checkpoint, or an option contradicting it, exits 2 with one line.
/// </summary>
public sealed class TrainCheckpointTests() : TempFolderTest("minigrad-train-ckpt-")
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Invoke(["train", .. args]);

    /// <summary>Runs the built CLI in a child process (<c>dotnet MiniGrad.Cli.dll train ...</c>) in the test's folder.</summary>
    private ProcessResult RunProcess(params string[] args)
    {
        var result = ChildProcess.RunDotnet("MiniGrad.Cli.dll", ["train", .. args], Folder, new Dictionary<string, string> { ["CI"] = "true" });
        Assert.True(result.ExitCode == 0, $"train {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
        return result;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] EpochLines(string output) => Lines(output).Where(l => l.StartsWith("Epoch ", StringComparison.Ordinal)).ToArray();

    /// <summary>Every tensor of a checkpoint, model and optimizer, as bits by name; and its metrics.</summary>
    private static (Dictionary<string, long[]> Tensors, Dictionary<string, string> Metrics, string Epoch) Contents(string path)
    {
        var file = SafeTensors.Load(path);
        var tensors = file.Names.ToDictionary(n => n, n => file.Get<double>(n).ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray());
        var metrics = file.Metadata.Where(kv => kv.Key.StartsWith("metric.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        return (tensors, metrics, file.Metadata["epoch"]);
    }

    private static void AssertSameBits(string expectedPath, string actualPath)
    {
        var (expected, expectedMetrics, expectedEpoch) = Contents(expectedPath);
        var (actual, actualMetrics, actualEpoch) = Contents(actualPath);
        Assert.Equal(expectedEpoch, actualEpoch);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.Contains(expected.Keys, k => k.StartsWith("model.", StringComparison.Ordinal));
        Assert.Contains(expected.Keys, k => k.StartsWith("optimizer.state.", StringComparison.Ordinal));
        foreach (var (name, bits) in expected) Assert.True(bits.SequenceEqual(actual[name]), $"tensor {name} differs");
        Assert.Equal(expectedMetrics, actualMetrics);
    }

    [Fact]
    public void IrisThreeEpochsThenResumedToSixInANewProcessIsBitForBitSixInOneGo()
    {
        var straight = RunProcess("--task", "iris", "--epochs", "6", "--checkpoint", "a.ckpt");
        var first = RunProcess("--task", "iris", "--epochs", "3", "--checkpoint", "b.ckpt");
        var before = Contents(At("b.ckpt"));
        var resumed = RunProcess("--resume", "b.ckpt", "--epochs", "6");

        AssertSameBits(At("a.ckpt"), At("b.ckpt"));
        // The resumed run trained: its checkpoint moved on from the one it started from.
        Assert.NotEqual(before.Tensors["model.0.weight"], Contents(At("b.ckpt")).Tensors["model.0.weight"]);
        // It reads as the rest of the same run: the straight run's epochs 4 to 6, its test accuracy.
        var resumedLines = Lines(resumed.Stdout);
        Assert.Equal("Resuming b.ckpt after epoch 3 of 6.", resumedLines[1]);
        Assert.Equal(EpochLines(straight.Stdout)[3..], EpochLines(resumed.Stdout));
        Assert.Equal(EpochLines(straight.Stdout)[..3].Select(l => l.Replace("/6,", "/3,", StringComparison.Ordinal)), EpochLines(first.Stdout));
        Assert.Equal(Lines(straight.Stdout).Single(l => l.StartsWith("Test accuracy", StringComparison.Ordinal)),
            resumedLines.Single(l => l.StartsWith("Test accuracy", StringComparison.Ordinal)));
        Assert.Contains("Checkpoint saved to b.ckpt after epoch 6 (every epoch).", resumedLines);
    }

    /// <summary>Three blobs in the plane, labelled by name (seeded).</summary>
    private string BlobsCsv() => Support.BlobsCsv.Write(At("blobs.csv"));

    [Fact]
    public void ACsvRunWithDropoutAndACosineScheduleInterruptedAfterItsThirdCheckpointResumesExactly()
    {
        string csv = BlobsCsv();
        string[] run = ["--data", csv, "--target", "colour", "--dropout", "0.3", "--scheduler", "cosine", "--optimizer", "sgd", "--double", "--batch-size", "8"];
        var (code, straight, error) = Run([.. run, "--epochs", "6", "--checkpoint", At("straight.ckpt")]);
        Assert.True(code == 0, error);

        // The same run, killed right after the checkpoint of epoch 3 was written.
        var options = new TrainingOptions
        {
            DataFile = csv, Target = "colour", Dropout = 0.3, Scheduler = "cosine", Optimizer = "sgd", Double = true, BatchSize = 8, Epochs = 6,
        };
        var data = HoldoutData<double>.Load(options);
        var plan = CheckpointPlan.New(options, At("crashed.ckpt"), every: 3);
        Assert.Throws<OperationCanceledException>(() => HoldoutRun.Run(options, data, e =>
        {
            if (e.Epoch == 4) throw new OperationCanceledException("killed");
        }, plan));
        Assert.Equal("3", SafeTensors.Load(At("crashed.ckpt")).Metadata["epoch"]);

        (code, string resumed, error) = Run("--resume", At("crashed.ckpt"));
        Assert.True(code == 0, error);
        AssertSameBits(At("straight.ckpt"), At("crashed.ckpt"));
        Assert.Equal(EpochLines(straight)[3..], EpochLines(resumed));
        Assert.Contains("lr", EpochLines(resumed)[0]); // the schedule's rate, as the straight run printed it
    }

    [Fact]
    public void APlainTaskWithRandomizedReluResumesExactlyAndARepeatedRecordedOptionIsNoContradiction()
    {
        string[] run = ["--task", "xor", "--activation", "rrelu", "--optimizer", "adamw", "--samples", "40"];
        var (code, straight, error) = Run([.. run, "--epochs", "5", "--checkpoint", At("x.ckpt"), "--checkpoint-every", "2"]);
        Assert.True(code == 0, error);
        (code, _, error) = Run([.. run, "--epochs", "2", "--checkpoint", At("y.ckpt")]);
        Assert.True(code == 0, error);
        // Repeating a recorded option with its recorded value is no contradiction.
        (code, string resumed, error) = Run("--resume", At("y.ckpt"), "--epochs", "5", "--activation", "rrelu", "--seed", "42");
        Assert.True(code == 0, error);
        AssertSameBits(At("x.ckpt"), At("y.ckpt"));
        Assert.Equal(EpochLines(straight)[2..], EpochLines(resumed));
        Assert.Equal(Lines(straight).Single(l => l.StartsWith("Final loss", StringComparison.Ordinal)),
            Lines(resumed).Single(l => l.StartsWith("Final loss", StringComparison.Ordinal)));
    }

    private static void AssertUsageError((int Code, string Out, string Err) result, string expected)
    {
        Assert.Equal(2, result.Code);
        string line = Assert.Single(Lines(result.Err));
        Assert.StartsWith("minigrad train: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void AMissingCorruptForeignOrMismatchedCheckpointExitsTwoWithOneLineNamingTheFile()
    {
        AssertUsageError(Run("--resume", At("missing.ckpt")), "--resume must be an existing file");

        var (code, _, error) = Run("--task", "iris", "--epochs", "2", "--checkpoint", At("good.ckpt"));
        Assert.True(code == 0, error);
        byte[] bytes = File.ReadAllBytes(At("good.ckpt"));
        File.WriteAllBytes(At("cut.ckpt"), bytes[..^10]);
        AssertUsageError(Run("--resume", At("cut.ckpt")), At("cut.ckpt") + ": ");

        var model = new MiniGrad.Nn.Linear<float>(2, 2, new Generator(0));
        model.Save(At("model.safetensors"));
        AssertUsageError(Run("--resume", At("model.safetensors")), "not a MiniGrad training checkpoint");

        // A checkpoint whose recorded options build another network than its tensors fit.
        var file = SafeTensors.Load(At("good.ckpt"));
        var metadata = file.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
        metadata["note.options"] = metadata["note.options"].Replace("\"Hidden\":null", "\"Hidden\":[12]", StringComparison.Ordinal);
        Assert.NotEqual(file.Metadata["note.options"], metadata["note.options"]);
        SafeTensors.Save(At("tampered.ckpt"), file.GetAll<float>(), metadata);
        var tampered = Run("--resume", At("tampered.ckpt"), "--epochs", "3");
        AssertUsageError(tampered, $"{At("tampered.ckpt")}: tensor 'model.0.weight': shape [16, 4] in the file, but the model's is [12, 4]");
    }

    [Fact]
    public void AnOptionThatContradictsTheCheckpointIsAUsageErrorButEpochsAndCheckpointOptionsMayChange()
    {
        var (code, _, error) = Run("--task", "iris", "--epochs", "2", "--checkpoint", At("run.ckpt"));
        Assert.True(code == 0, error);
        AssertUsageError(Run("--resume", At("run.ckpt"), "--lr", "0.1", "--epochs", "3"),
            $"--lr 0.1 contradicts {At("run.ckpt")}, which was trained with --lr 0.01; drop --lr to resume it");
        AssertUsageError(Run("--resume", At("run.ckpt"), "--double", "--epochs", "3"), "which was trained without --double");
        AssertUsageError(Run("--resume", At("run.ckpt"), "--task", "digits", "--epochs", "3"), "trained with --task iris");
        AssertUsageError(Run("--resume", At("run.ckpt")), "has done all its 2 epochs; give --epochs N");
        AssertUsageError(Run("--resume", At("run.ckpt"), "--epochs", "1"), "must be more than 2, got 1");
        AssertUsageError(Run("--task", "iris", "--checkpoint-every", "2"), "--checkpoint-every applies to --checkpoint FILE");
        AssertUsageError(Run("--compare", "--checkpoint", At("c.ckpt")), "--compare trains once per activation");

        (code, string output, error) = Run("--resume", At("run.ckpt"), "--epochs", "4", "--checkpoint", At("next.ckpt"), "--checkpoint-every", "3");
        Assert.True(code == 0, error);
        Assert.Contains("Checkpoint saved to " + At("next.ckpt") + " after epoch 4 (every 3 epochs and the last).", output);
        Assert.Equal("4", SafeTensors.Load(At("next.ckpt")).Metadata["epoch"]);
        Assert.Equal("2", SafeTensors.Load(At("run.ckpt")).Metadata["epoch"]);
    }

    [Fact]
    public void ADataFileChangedSinceTheCheckpointIsAUsageError()
    {
        string csv = BlobsCsv();
        var (code, _, error) = Run("--data", csv, "--target", "colour", "--epochs", "1", "--checkpoint", At("csv.ckpt"));
        Assert.True(code == 0, error);
        File.AppendAllText(csv, "0.1,0.2,red\n");
        AssertUsageError(Run("--resume", At("csv.ckpt"), "--epochs", "2"), "which has changed since");
        File.Delete(csv);
        AssertUsageError(Run("--resume", At("csv.ckpt"), "--epochs", "2"), "which no longer exists");
    }
}
