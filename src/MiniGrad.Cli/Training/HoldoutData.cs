using System.Globalization;
using System.Numerics;
using MiniGrad.Data;

namespace MiniGrad.Cli.Training;

/// <summary>
/// The samples of a held-out run (<see cref="HoldoutRun"/>) before they are split: a classification dataset
/// (iris, digits, a CSV file with class labels) or a regression one (a CSV file with a numeric target).
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class HoldoutData<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private HoldoutData(string name, ClassificationDataset<T>? classification, TensorDataset<T>? regression)
    {
        Name = name;
        Classification = classification;
        Regression = regression;
    }

    /// <summary>What the data is called in the header: <c>iris</c>, <c>digits</c>, or the CSV file's path and target.</summary>
    public string Name { get; }

    /// <summary>The samples with class labels, or null for regression.</summary>
    public ClassificationDataset<T>? Classification { get; }

    /// <summary>The samples with numeric targets [N, 1], or null for classification.</summary>
    public TensorDataset<T>? Regression { get; }

    /// <summary>True for classification (cross entropy, accuracy), false for regression (MSE).</summary>
    public bool IsClassification => Classification is not null;

    /// <summary>The number of samples.</summary>
    public int Count => Classification?.Count ?? Regression!.Count;

    /// <summary>The number of input features.</summary>
    public int Features => (Classification?.Inputs ?? Regression!.Inputs).Shape[1];

    /// <summary>The input columns by name, in the order of the inputs.</summary>
    public IReadOnlyList<string> FeatureNames => Classification?.FeatureNames ?? Regression!.FeatureNames;

    /// <summary>The network's output size: the number of classes, or 1 for regression.</summary>
    public int Outputs => Classification?.ClassNames.Count ?? 1;

    /// <summary>
    /// Loads the data <paramref name="options"/> name: <see cref="Datasets.Iris{T}"/>, <see cref="Datasets.Digits{T}"/>,
    /// or <see cref="TrainingOptions.DataFile"/>. A CSV file's target column is read as class labels when
    /// <see cref="TrainingOptions.Classes"/> is set or when it holds a value that is not a number, and as a
    /// regression target otherwise.
    /// </summary>
    /// <exception cref="CsvFormatException">The file is not a CSV file of numbers with that target column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static HoldoutData<T> Load(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DataFile is not { } path)
        {
            return options.Task switch
            {
                TrainingTask.Iris => new HoldoutData<T>("iris", Datasets.Iris<T>(), null),
                TrainingTask.Digits => new HoldoutData<T>("digits", Datasets.Digits<T>(), null),
                _ => throw new ArgumentException($"the {options.Task} task is generated, not loaded; it has no held-out parts.", nameof(options)),
            };
        }
        string target = options.Target ?? throw new ArgumentException("a CSV file needs a target column (--target).", nameof(options));
        string name = $"{path} (target '{target}')";
        if (options.Classes) return new HoldoutData<T>(name, CsvDataset.LoadClassification<T>(path, target), null);
        try
        {
            return new HoldoutData<T>(name, null, CsvDataset.LoadRegression<T>(path, target));
        }
        catch (CsvFormatException e) when (e.Column == target && e.Value is { } value && !string.IsNullOrWhiteSpace(value) &&
                                           !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            // A label that is not a number: the target names classes.
            return new HoldoutData<T>(name, CsvDataset.LoadClassification<T>(path, target), null);
        }
    }
}
