using System.Globalization;
using System.IO.Compression;
using System.Numerics;

namespace MiniGrad.Data;

/// <summary>
/// Two small real datasets that ship inside MiniGrad (no download), the ones scikit-learn ships as
/// <c>load_iris</c> and <c>load_digits</c>, with the same values, order, feature names and class names. Both come from
/// the UCI Machine Learning Repository under CC BY 4.0; <c>src/MiniGrad/Data/Resources/LICENSE-DATA.md</c> states
/// the sources and citations.
/// </summary>
public static class Datasets
{
    /// <summary>
    /// Fisher's Iris data (1936): 150 flowers, 4 measurements in cm (sepal length, sepal width, petal length, petal
    /// width), 3 classes of 50 (setosa, versicolor, virginica), in scikit-learn's order (by class).
    /// </summary>
    /// <returns>Inputs [150, 4]; targets 0, 1, 2.</returns>
    public static ClassificationDataset<T> Iris<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var reader = new StreamReader(Resource("iris.csv"));
        var csv = new CsvReader(reader, "iris.csv");
        // scikit-learn's layout: a first row "150,4,setosa,versicolor,virginica" (samples, features, class names),
        // then one row per flower with the class index last.
        csv.ReadRecord();
        var classNames = Enumerable.Range(2, csv.FieldCount - 2).Select(i => csv.Field(i).ToString()).ToArray();
        return Read<T>(csv, columns: 5, classNames,
            ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);
    }

    /// <summary>
    /// The optical recognition of handwritten digits data (Alpaydin and Kaynak, 1998), its test set as in
    /// scikit-learn's <c>load_digits</c>: 1797 images of 8×8 pixels, each pixel a count 0..16, flattened row by row
    /// into 64 features (<c>pixel_0_0</c> .. <c>pixel_7_7</c>); 10 classes, the digits "0" .. "9".
    /// </summary>
    /// <returns>Inputs [1797, 64] with the raw values 0..16 (divide by 16, or standardize, before training); targets 0..9.</returns>
    public static ClassificationDataset<T> Digits<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var gzip = new GZipStream(Resource("digits.csv.gz"), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var csv = new CsvReader(reader, "digits.csv");
        var featureNames = Enumerable.Range(0, 64).Select(i => $"pixel_{i / 8}_{i % 8}").ToArray();
        var classNames = Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Read<T>(csv, columns: 65, classNames, featureNames);
    }

    /// <summary>The Iris data in <c>float</c>, PyTorch's default dtype: <see cref="Iris{T}"/> with T = float.</summary>
    public static ClassificationDataset<float> Iris() => Iris<float>();

    /// <summary>The digits data in <c>float</c>, PyTorch's default dtype: <see cref="Digits{T}"/> with T = float.</summary>
    public static ClassificationDataset<float> Digits() => Digits<float>();

    private static Stream Resource(string name) =>
        typeof(Datasets).Assembly.GetManifestResourceStream("MiniGrad.Data.Resources." + name)
        ?? throw new InvalidOperationException($"Datasets: the resource {name} is missing from the MiniGrad assembly (a broken build).");

    /// <summary>Rows of numbers, the class index last; the resources are known good, so any fault is a broken build.</summary>
    private static ClassificationDataset<T> Read<T>(CsvReader csv, int columns, string[] classNames, string[] featureNames)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var inputs = new GrowableBuffer<T>();
        var targets = new GrowableBuffer<int>();
        while (csv.ReadRecord())
        {
            if (csv.FieldCount != columns)
                throw new CsvFormatException(csv.Source, csv.Line, null, null, $"the resource has {csv.FieldCount} fields, not {columns} (a broken build).");
            for (int c = 0; c < columns - 1; c++)
                inputs.Add(T.Parse(csv.Field(c), NumberStyles.Float, CultureInfo.InvariantCulture));
            targets.Add((int)double.Parse(csv.Field(columns - 1), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        var x = inputs.ToTensor(new TensorShape(targets.Count, columns - 1));
        return new ClassificationDataset<T>(x, targets.ToArray(), classNames, featureNames);
    }
}
