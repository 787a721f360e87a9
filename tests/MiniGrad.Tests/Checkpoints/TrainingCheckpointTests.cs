using System.Numerics;
using MiniGrad.Checkpoints;
using MiniGrad.Nn;
using MiniGrad.Optim.LrScheduler;
using MiniGrad.Optim;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Checkpoints;

/// <summary>
/// <see cref="TrainingCheckpoint{T}"/>: N steps, save, restore into fresh objects, M more steps gives the bits of
/// N + M steps in one go, for every optimizer and scheduler; a checkpoint that does not fit changes nothing.
/// </summary>
public sealed class TrainingCheckpointTests() : TempFolderTest("training-checkpoints")
{
    /// <summary>A run: a model with a buffer (batch norm) and dropout, its optimizer and scheduler, two generators.</summary>
    private sealed class Run<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public required Sequential<T> Model { get; init; }
        public required Optimizer<T> Optimizer { get; init; }
        public IStatefulScheduler? Scheduler { get; init; }
        public required Generator Dropout { get; init; }
        public required Generator Data { get; init; }
        public required Tensor<T> X { get; init; }
        public required Tensor<T> Y { get; init; }
        public List<double> Losses { get; } = [];

        public TrainingCheckpoint<T> Checkpoint() =>
            new(Model, Optimizer, Scheduler, new Dictionary<string, Generator> { ["dropout"] = Dropout, ["data"] = Data });

        /// <summary>One epoch: two batches in an order the data generator draws, then the scheduler's step.</summary>
        public void Epoch()
        {
            double sum = 0;
            foreach (int b in Data.Permutation(2))
            {
                Optimizer.ZeroGrad();
                var loss = Functional.MseLoss(Model.Forward(X.SliceRows(4 * b, 4)), Y.SliceRows(4 * b, 4));
                loss.Backward();
                Optimizer.Step();
                sum += double.CreateChecked(loss.Item());
            }
            Losses.Add(sum);
            switch (Scheduler)
            {
                case ReduceLROnPlateau<T> plateau: plateau.Step(sum); break;
                case LRScheduler<T> schedule: schedule.Step(); break;
            }
        }
    }

    /// <summary>A fresh run; <paramref name="width"/> other than 6 makes a model the checkpoint does not fit.</summary>
    private static Run<T> Build<T>(string optimizer, string? scheduler, int width = 6) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var init = new Generator(1);
        var dropout = new Generator(2);
        var model = new Sequential<T>(new Linear<T>(3, width, init), new BatchNorm1d<T>(width), new Tanh<T>(), new Dropout<T>(0.25, dropout),
            new Linear<T>(width, 2, init));
        var p = model.Parameters();
        Optimizer<T> opt = optimizer switch
        {
            "sgd" => new Sgd<T>(p, 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3),
            "adam" => new Adam<T>(p, 0.01, amsgrad: true),
            "adamw" => new AdamW<T>(p, 0.01),
            "rmsprop" => new RmsProp<T>(p, 0.01, momentum: 0.5, centered: true),
            "adagrad" => new Adagrad<T>(p, 0.05, lrDecay: 0.01),
            _ => throw new ArgumentException(optimizer),
        };
        IStatefulScheduler? sched = scheduler switch
        {
            null => null,
            "step" => new StepLR<T>(opt, stepSize: 2, gamma: 0.5),
            "cosine" => new CosineAnnealingLR<T>(opt, tMax: 5),
            "onecycle" => new OneCycleLR<T>(opt, maxLr: 0.05, totalSteps: 20),
            "plateau" => new ReduceLROnPlateau<T>(opt, patience: 0, threshold: 0.5),
            "exponential" => new ExponentialLR<T>(opt, gamma: 0.9),
            "linear" => new LinearLR<T>(opt, totalIters: 4),
            "multistep" => new MultiStepLR<T>(opt, [2, 5], gamma: 0.5),
            _ => throw new ArgumentException(scheduler),
        };
        var data = new Generator(3);
        return new Run<T>
        {
            Model = model, Optimizer = opt, Scheduler = sched, Dropout = dropout, Data = Generator.PyTorchCompatible(4),
            X = Tensor<T>.RandomNormal(data, 8, 3), Y = Tensor<T>.RandomNormal(data, 8, 2),
        };
    }

    /// <summary>Every bit that decides what the next step does: parameters, buffers, optimizer and scheduler state, generators.</summary>
    private static List<string> Bits<T>(Run<T> run) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        static string Of(Tensor<T> t) => string.Join(",", t.ToArray().Select(v => BitConverter.DoubleToInt64Bits(double.CreateChecked(v))));
        var bits = run.Model.StateDict().Select(kv => $"{kv.Key}={Of(kv.Value)}").ToList();
        var opt = run.Optimizer.StateDict();
        bits.AddRange(opt.Tensors.OrderBy(kv => kv.Key).Select(kv => $"opt.{kv.Key}={Of(kv.Value)}"));
        bits.AddRange(opt.Scalars.OrderBy(kv => kv.Key).Select(kv => $"opt.{kv.Key}={BitConverter.DoubleToInt64Bits(kv.Value)}"));
        if (run.Scheduler is { } s) bits.AddRange(s.StateDict().Values.OrderBy(kv => kv.Key).Select(kv => $"sched.{kv.Key}={BitConverter.DoubleToInt64Bits(kv.Value)}"));
        bits.Add(Convert.ToBase64String(run.Dropout.GetState()));
        bits.Add(Convert.ToBase64String(run.Data.GetState()));
        return bits;
    }

    public static TheoryData<string, string?> Cases => new()
    {
        { "sgd", "step" }, { "adam", "cosine" }, { "adamw", "onecycle" }, { "rmsprop", "plateau" }, { "adagrad", "exponential" },
        { "adam", "linear" }, { "sgd", "multistep" }, { "rmsprop", null },
    };

    private void ResumesExactly<T>(string optimizer, string? scheduler) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const int n = 4, m = 5;
        var straight = Build<T>(optimizer, scheduler);
        for (int i = 0; i < n + m; i++) straight.Epoch();

        var first = Build<T>(optimizer, scheduler);
        for (int i = 0; i < n; i++) first.Epoch();
        string path = At($"{optimizer}-{scheduler}-{typeof(T).Name}.ckpt");
        first.Checkpoint().Save(path, new TrainingProgress(n, new Dictionary<string, IReadOnlyList<double>> { ["loss"] = first.Losses },
            new Dictionary<string, string> { ["run"] = "test" }));

        var second = Build<T>(optimizer, scheduler);
        var progress = second.Checkpoint().Load(path);
        Assert.Equal(n, progress.Epoch);
        Assert.Equal("test", progress.Notes["run"]);
        Assert.Equal(first.Losses.Select(BitConverter.DoubleToInt64Bits), progress.Metrics["loss"].Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(Bits(first), Bits(second));
        for (int i = 0; i < m; i++) second.Epoch();

        Assert.Equal(Bits(straight), Bits(second));
        Assert.Equal(straight.Losses.Skip(n).Select(BitConverter.DoubleToInt64Bits), second.Losses.Select(BitConverter.DoubleToInt64Bits));
        // The steps did something: the resumed run is not where the saved one stood.
        Assert.NotEqual(Bits(first), Bits(second));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainSaveLoadInFreshObjectsAndContinueIsBitForBitOneLongRunInDouble(string optimizer, string? scheduler) =>
        ResumesExactly<double>(optimizer, scheduler);

    [Theory]
    [InlineData("adam", "plateau")]
    [InlineData("sgd", "cosine")]
    public void AndInFloat(string optimizer, string? scheduler) => ResumesExactly<float>(optimizer, scheduler);

    [Fact]
    public void ADoubleRunIsStoredAsF64WithItsNumbersRoundTrip()
    {
        var run = Build<double>("adam", "cosine");
        run.Epoch();
        string path = At("layout.ckpt");
        run.Checkpoint().Save(path, new TrainingProgress(1, new Dictionary<string, IReadOnlyList<double>> { ["odd"] = [0.1, double.NaN, double.NegativeInfinity, 1e-310] },
            new Dictionary<string, string>()));
        var file = SafeTensors.Load(path);
        Assert.All(file.Entries, e => Assert.Equal("F64", e.Dtype));
        Assert.Contains("model.1.running_mean", file.Names);
        Assert.Contains("optimizer.state.0.exp_avg_sq", file.Names);
        Assert.Equal("Adam", file.Metadata["optimizer"]);
        Assert.Equal("CosineAnnealingLR", file.Metadata["scheduler"]);
        Assert.Equal(TrainingCheckpointFile.Marker, file.Metadata["minigrad.checkpoint"]);
        var read = TrainingCheckpointFile.Read(path);
        Assert.Equal([0.1, double.NaN, double.NegativeInfinity, 1e-310], read.Progress.Metrics["odd"]);
        Assert.Equal(["data", "dropout"], read.GeneratorNames.Order());
    }

    /// <summary>Loads <paramref name="path"/> into <paramref name="target"/> expecting a refusal, and checks that not a bit changed.</summary>
    private static CheckpointMismatchException RefusedUnchanged<T>(Run<T> target, TrainingCheckpoint<T> checkpoint, string path)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var before = Bits(target);
        var e = Assert.Throws<CheckpointMismatchException>(() => checkpoint.Load(path));
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Equal(before, Bits(target));
        return e;
    }

    private string Saved(string optimizer, string? scheduler, int epochs = 3)
    {
        var run = Build<double>(optimizer, scheduler);
        for (int i = 0; i < epochs; i++) run.Epoch();
        string path = At($"saved-{optimizer}-{scheduler}.ckpt");
        run.Checkpoint().Save(path, new TrainingProgress(epochs));
        return path;
    }

    [Fact]
    public void AModelOfAnotherShapeIsRefusedNamingTheTensorAndNothingChanges()
    {
        string path = Saved("adam", "step");
        var target = Build<double>("adam", "step", width: 5);
        target.Epoch(); // a state of its own, which must survive
        var e = RefusedUnchanged(target, target.Checkpoint(), path);
        Assert.Equal("model.0.weight", e.Tensor);
        Assert.Contains("shape [6, 3] in the file, but the model's is [5, 3]", e.Message);
    }

    [Fact]
    public void AnotherOptimizerOrSchedulerOrHyperparameterIsRefusedAndNothingChanges()
    {
        string path = Saved("adam", "step");
        var sgd = Build<double>("sgd", "step");
        sgd.Epoch();
        Assert.Contains("saved by Adam, not Sgd", RefusedUnchanged(sgd, sgd.Checkpoint(), path).Message);

        // The scheduler is loaded first; the optimizer's refusal must put it back.
        var cosine = Build<double>("adam", "cosine");
        cosine.Epoch();
        Assert.Contains("StepLR", RefusedUnchanged(cosine, cosine.Checkpoint(), path).Message);

        var amsgradOff = Build<double>("adam", "step");
        amsgradOff.Epoch();
        string otherAdam = Saved("adamw", "step");
        Assert.Contains("optimizer:", RefusedUnchanged(amsgradOff, amsgradOff.Checkpoint(), otherAdam).Message);

        var noScheduler = Build<double>("adam", null);
        noScheduler.Epoch();
        Assert.Contains("StepLR state, but no scheduler", RefusedUnchanged(noScheduler, noScheduler.Checkpoint(), path).Message);
    }

    [Fact]
    public void AFloatModelRefusesADoubleCheckpointAndGeneratorsMustMatchByNameAndKind()
    {
        string path = Saved("adam", null);
        var single = Build<float>("adam", null);
        single.Epoch();
        Assert.Contains("F64 tensors (a double model), but the model is single (F32)", RefusedUnchanged(single, single.Checkpoint(), path).Message);

        var run = Build<double>("adam", null);
        run.Epoch();
        var oneGenerator = new TrainingCheckpoint<double>(run.Model, run.Optimizer, null, new Dictionary<string, Generator> { ["dropout"] = run.Dropout });
        Assert.Contains("generator 'data', which was not given", RefusedUnchanged(run, oneGenerator, path).Message);

        var otherKind = new TrainingCheckpoint<double>(run.Model, run.Optimizer, null,
            new Dictionary<string, Generator> { ["dropout"] = run.Dropout, ["data"] = new Generator(4) });
        var before = Bits(run);
        var e = Assert.Throws<CheckpointMismatchException>(() => otherKind.Load(path));
        Assert.Contains("generator 'data': the state is of a PyTorch-compatible generator", e.Message);
        Assert.Equal(before, Bits(run));
    }

    [Fact]
    public void AFileThatIsNotATrainingCheckpointIsAFormatErrorNamingTheFile()
    {
        string plain = At("plain.safetensors");
        var run = Build<double>("adam", null);
        run.Model.Save(plain);
        var e = Assert.Throws<SafeTensorsFormatException>(() => run.Checkpoint().Load(plain));
        Assert.Contains("not a MiniGrad training checkpoint", e.Message);
        Assert.StartsWith(plain, e.Message);

        string path = Saved("adam", null);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 3)]);
        Assert.Throws<SafeTensorsFormatException>(() => TrainingCheckpointFile.Read(path));

        // A number in the metadata that is not one: written as a valid safetensors file by hand.
        string bad = At("bad.ckpt");
        SafeTensors.Save(bad, new Dictionary<string, Tensor<double>>(), new Dictionary<string, string>
        {
            ["minigrad.checkpoint"] = TrainingCheckpointFile.Marker, ["dtype"] = "F64", ["epoch"] = "3", ["metric.loss"] = "0.5,x",
        });
        Assert.Contains("metadata entry 'metric.loss': 'x' is not a number", Assert.Throws<SafeTensorsFormatException>(() => TrainingCheckpointFile.Read(bad)).Message);
        Assert.Throws<FileNotFoundException>(() => TrainingCheckpointFile.Read(At("missing.ckpt")));
    }
}
