using System.IO.Compression;
using MiniGrad.Data;
using MiniGrad.Tests.Support;
using Xunit.Abstractions;

namespace MiniGrad.Tests.Data;

public class DatasetsTests(ITestOutputHelper output)
{
    private const string SklearnData = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    [Fact]
    public void IrisHas150FlowersOf4MeasurementsIn3ClassesOf50()
    {
        var iris = Datasets.Iris(); // float, PyTorch's default dtype
        Assert.Equal([150, 4], iris.Inputs.Shape.Dims.ToArray());
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal(["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"], iris.FeatureNames);
        Assert.Equal([50, 50, 50], iris.ClassCounts());
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Inputs.SliceRows(0, 1).ToArray());
        Assert.Equal([5.9f, 3.0f, 5.1f, 1.8f], iris.Inputs.SliceRows(149, 1).ToArray());
        Assert.Equal(2, iris.Targets[149]);
        // Column means as load_iris().data.mean(0) prints them.
        var means = Standardizer.Fit(Datasets.Iris<double>().Inputs).Mean;
        Assert.Equal([5.84333333, 3.05733333, 3.758, 1.19933333], means.Select(m => Math.Round(m, 8)));
    }

    [Fact]
    public void DigitsHas1797ImagesOf64PixelsIn10Classes()
    {
        var digits = Datasets.Digits<double>();
        Assert.Equal([1797, 64], digits.Inputs.Shape.Dims.ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), digits.ClassNames);
        Assert.Equal("pixel_0_0", digits.FeatureNames[0]);
        Assert.Equal("pixel_7_7", digits.FeatureNames[63]);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], digits.ClassCounts());
        Assert.All(digits.Inputs.ToArray(), v => Assert.True(v >= 0 && v <= 16 && v == Math.Floor(v)));
        // The first image is a zero: its first row of pixels is 0 0 5 13 9 1 0 0.
        Assert.Equal(0, digits.Targets[0]);
        // The float form without a type argument holds the same values.
        Assert.Equal(digits.Inputs.ToArray().Select(v => (float)v), Datasets.Digits().Inputs.ToArray());
        Assert.Equal([0.0, 0, 5, 13, 9, 1, 0, 0], digits.Inputs.SliceRows(0, 1).ToArray().Take(8));
        Assert.Equal(8, digits.Targets[^1]);
    }

    [Fact]
    public void TheShippedFilesAreScikitLearnsAndTheirLicenceIsStated()
    {
        string resources = Path.Combine(Repository.Root(), "src", "MiniGrad", "Data", "Resources");
        string licence = File.ReadAllText(Path.Combine(resources, "LICENSE-DATA.md"));
        Assert.Contains("CC BY 4.0", licence);
        Assert.Contains("Fisher", licence);
        Assert.Contains("Alpaydin", licence);
        if (!Directory.Exists(SklearnData))
        {
            output.WriteLine($"SKIPPED: {SklearnData} is missing (tests/scripts/install-python-deps.sh installs Debian's python3-sklearn); the shipped copies were not compared.");
            return;
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(SklearnData, "iris.csv")), File.ReadAllBytes(Path.Combine(resources, "iris.csv")));
        // Compare the digits decompressed: the text is what matters, not gzip's header.
        Assert.Equal(Gunzip(Path.Combine(SklearnData, "digits.csv.gz")), Gunzip(Path.Combine(resources, "digits.csv.gz")));
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
