// An MLP on scikit-learn's digits, the twin of examples/Digits/digits.py (PyTorch 1.13), piece for piece:
// pixels / 16, random_split 80/20, a shuffling DataLoader (batch 32), Sequential(Linear(64, 64), ReLU, Dropout(p),
// Linear(64, 10)), CrossEntropyLoss, Adam(lr 0.01), CosineAnnealingLR(T_max = epochs) stepped once per epoch.
// Each generator is seeded as the script seeds its torch one, so the split, the batch order and the initial
// weights are PyTorch's bit for bit; with --dropout 0 the printed losses are PyTorch's to float rounding (the
// dropout masks are MiniGrad's own draws, so with p > 0 only the accuracy is comparable).
//     dotnet run --project examples/Digits -c Release -- [--epochs 20] [--dropout 0.2] [--seed 0]
using System.Globalization;
using MiniGrad;
using MiniGrad.Data;
using MiniGrad.Nn;
using MiniGrad.Optim;
using MiniGrad.Optim.LrScheduler;

const int BatchSize = 32;
const double LearningRate = 0.01;
var inv = CultureInfo.InvariantCulture;

int epochs = 20;
double dropout = 0.2;
ulong seed = 0;
if (args.Length % 2 != 0) return Usage($"{args[^1]} needs a value");
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--epochs":
            if (!int.TryParse(args[i + 1], inv, out epochs) || epochs <= 0)
                return Usage($"--epochs must be a whole number of at least 1, got '{args[i + 1]}'");
            break;
        case "--dropout":
            if (!double.TryParse(args[i + 1], NumberStyles.Float, inv, out dropout) || !(dropout >= 0 && dropout < 1))
                return Usage($"--dropout must be a number from 0 up to (not including) 1, got '{args[i + 1]}'");
            break;
        case "--seed":
            if (!ulong.TryParse(args[i + 1], inv, out seed))
                return Usage($"--seed must be a whole number from 0 to {ulong.MaxValue}, got '{args[i + 1]}'");
            break;
        default:
            return Usage($"unknown option {args[i]}");
    }
}

var digits = Datasets.Digits<float>();                                   // load_digits()
digits = digits.WithInputs(digits.Inputs / 16f);                         // pixels 0..16 -> [0, 1]
var parts = DataSplit.RandomSplit(digits, [0.8, 0.2], Generator.PyTorchCompatible(seed));
var (train, test) = (parts[0], parts[1]);
var loader = DataLoader.Create(train, BatchSize, shuffle: true, generator: Generator.PyTorchCompatible(seed));

var g = Generator.PyTorchCompatible(seed);                               // torch.manual_seed(seed)
var model = new Sequential<float>(
    new Linear<float>(64, 64, g), new Relu<float>(), new Dropout<float>(dropout, g), new Linear<float>(64, 10, g));
var criterion = new CrossEntropyLoss();
var optimizer = new Adam<float>(model.Parameters(), lr: LearningRate);
var scheduler = new CosineAnnealingLR<float>(optimizer, tMax: epochs);

for (int epoch = 0; epoch < epochs; epoch++)
{
    double total = 0;                                                    // Python's float: loss.item() widened
    foreach (var (x, y) in loader)
    {
        optimizer.ZeroGrad();
        var loss = criterion.Forward(model.Forward(x), y);
        loss.Backward();
        optimizer.Step();
        total += loss.Item();
    }
    scheduler.Step();
    Console.WriteLine($"Epoch {epoch + 1}/{epochs}, Loss: {(total / loader.Count).ToString("F9", inv)}, Test accuracy: {TestAccuracy().ToString("F1", inv)}%");
}
Console.WriteLine($"Test accuracy: {TestAccuracy().ToString("F1", inv)}%");
return 0;

double TestAccuracy()
{
    model.Eval();
    double accuracy;
    using (Tape.NoGrad())
        accuracy = Metrics.Accuracy(model.Forward(test.Inputs), test.Targets);
    model.Train();
    return 100 * accuracy;
}

// A usage error: one line on stderr, exit code 2.
static int Usage(string problem)
{
    Console.Error.WriteLine($"Digits: {problem}; usage: Digits [--epochs N] [--dropout P] [--seed S]");
    return 2;
}
