using System.Globalization;
using System.Text;
using MiniGrad.Data;
using MiniGrad.Tests.Support;

namespace MiniGrad.Tests.Data;

public sealed class CsvDatasetTests() : TempFolderTest("minigrad-csv")
{
    private string Write(string text, string name = "data.csv")
    {
        string path = At(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadsStringLabelsAsSortedClassesAndTheOtherColumnsAsFeatures()
    {
        string path = Write("width,species,height\n1.5,dog,2\r\n-2e-1,cat,3.25\n\n 4 ,\"emu\",5\n7,dog,8\n");
        var data = CsvDataset.LoadClassification<float>(path, "species");
        Assert.Equal(["width", "height"], data.FeatureNames);
        Assert.Equal(["cat", "dog", "emu"], data.ClassNames);
        Assert.Equal([1, 0, 2, 1], data.Targets.ToArray());
        Assert.Equal([4, 2], data.Inputs.Shape.Dims.ToArray());
        Assert.Equal([1.5f, 2, -0.2f, 3.25f, 4, 5, 7, 8], data.Inputs.ToArray());
    }

    [Fact]
    public void NumericTargetsAreRegressionValuesOrClassesSortedByValue()
    {
        string path = Write("x,y\n1,10\n2,9\n3,2\n4,10\n");
        var regression = CsvDataset.LoadRegression<double>(path, "y");
        Assert.Equal([4, 1], regression.Targets.Shape.Dims.ToArray());
        Assert.Equal([10.0, 9, 2, 10], regression.Targets.ToArray());
        var classes = CsvDataset.LoadClassification<double>(path, "y");
        Assert.Equal(["2", "9", "10"], classes.ClassNames); // by value, not "10" < "2"
        Assert.Equal([2, 1, 0, 2], classes.Targets.ToArray());
    }

    [Fact]
    public void QuotedFieldsMayHoldCommasAndQuotes()
    {
        string path = Write("\"a,b\",label\n1,\"x, \"\"big\"\"\"\n2,y\n");
        var data = CsvDataset.LoadClassification<double>(path, "label");
        Assert.Equal(["a,b"], data.FeatureNames);
        Assert.Equal(["x, \"big\"", "y"], data.ClassNames);
    }

    [Fact]
    public void ParsingIgnoresTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma (built by hand: the tests may run in globalization-invariant mode).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal(15.0, double.Parse("1.5")); // the culture is in force: "1.5" is fifteen to it
            var data = CsvDataset.LoadRegression<double>(Write("x,y\n1.5,2.25\n"), "y");
            Assert.Equal([1.5], data.Inputs.ToArray());
            Assert.Equal([2.25], data.Targets.ToArray());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("a,b,t\n1,2,x\n3,4\n", 3, "t", "3,4", "the row \"3,4\" has 2 fields but the header has 3 columns (a, b, t); the first missing one is 't'.")]
    [InlineData("a,b,t\r\n1,2,x\r\n3,4,y,5", 3, null, "3,4,y,5", "the row \"3,4,y,5\" has 4 fields")]
    [InlineData("a,b,t\n1,2,x\n\n3,4x,y\n", 4, "b", "4x", "'4x' is not a number")]
    [InlineData("a,b,t\n1,,x\n", 2, "b", "", "the field is empty")]
    [InlineData("a,b,t\n1,2, \n", 2, "t", " ", "the class label is empty")]
    [InlineData("a,b,t\n1,NaN,x\n", 2, "b", "NaN", "not a finite float")]
    [InlineData("a,b,t\n1,1e39,x\n", 2, "b", "1e39", "not a finite float")]
    [InlineData("a,b,t\n1,2,\"x\n", 2, null, "1,2,\"x", "no closing quote")]
    [InlineData("a,b,c\n1,2,3\n", 1, "t", null, "the header has no column 't' to use as the target; its columns are: a, b, c")]
    [InlineData("a,b,a,t\n", 1, "a", "a", "two columns have this name (fields 1 and 3)")]
    [InlineData("a,b,t\n", 2, null, null, "a header but no data rows")]
    [InlineData("", 1, null, null, "the file is empty")]
    public void ABadFileThrowsNamingFileLineColumnAndValue(string text, int line, string? column, string? value, string problem)
    {
        string path = Write(text, "bad.csv");
        var e = Assert.Throws<CsvFormatException>(() => CsvDataset.LoadClassification<float>(path, "t"));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(value, e.Value);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"{path}, line {line}", e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void AMissingFileSaysWhere()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CsvDataset.LoadRegression<float>(At("none.csv"), "y"));
        Assert.Contains("none.csv", e.Message);
    }

    [Fact]
    public void AReaderLoadsUnderTheGivenName()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvDataset.LoadRegression<float>(new StringReader("x,y\n1,z\n"), "y", "inline"));
        Assert.Equal("inline, line 2, column 'y': 'z' is not a number; numbers are read in the invariant culture, like 5.1 or -2e-3 (a decimal point, no thousands separators).", e.Message);
    }

    [Fact]
    public void ALargeFileAllocatesAboutItsValuesNotItsText()
    {
        // 120,000 rows of 8 features and a label (about 7.5 MB of text): the loader must not keep strings per row.
        // What it allocates: the values once in chunks, the tensor they are copied into (the buffer pool rounds it up
        // to a power of two), the class indices a few times: under 3 times the values' bytes. Reading the lines as
        // strings alone would allocate twice the file's bytes, 3.4 times the values' bytes.
        const int rows = 120_000, features = 8;
        string path = At("large.csv");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.WriteLine(string.Join(',', Enumerable.Range(0, features).Select(i => $"f{i}")) + ",label");
            var g = new Generator(1);
            var line = new StringBuilder();
            for (int r = 0; r < rows; r++)
            {
                line.Clear();
                for (int c = 0; c < features; c++) line.Append((g.NextDouble() * 100).ToString("F3", CultureInfo.InvariantCulture)).Append(',');
                line.Append("class").Append(r % 5);
                writer.WriteLine(line);
            }
        }
        long fileBytes = new FileInfo(path).Length;
        CsvDataset.LoadClassification<float>(path, "label"); // warm up: JIT and pools
        long before = GC.GetAllocatedBytesForCurrentThread();
        var data = CsvDataset.LoadClassification<float>(path, "label");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal([rows, features], data.Inputs.Shape.Dims.ToArray());
        Assert.Equal(Enumerable.Repeat(rows / 5, 5), data.ClassCounts());
        long valueBytes = (long)rows * features * sizeof(float) + rows * sizeof(int);
        Assert.True(allocated < 3 * valueBytes && allocated < 2 * fileBytes,
            $"loading a {fileBytes:N0}-byte file ({valueBytes:N0} bytes of values) allocated {allocated:N0} bytes");
    }

    [Fact]
    public void LoadColumnsReadsTheNamedColumnsInTheOrderAskedAndSkipsTheOthers()
    {
        // The skipped columns are never parsed: a label and an empty field there are fine.
        string path = Write("id,b,label,a\nx1,2,dog,1\n,4.5,,-3e-1\n");
        var inputs = CsvDataset.LoadColumns<double>(path, ["a", "b"]);
        Assert.Equal([2, 2], inputs.Shape.Dims.ToArray());
        Assert.Equal([1, 2, -0.3, 4.5], inputs.ToArray());
    }

    [Fact]
    public void LoadColumnsNamesTheMissingColumnsAndTheBadValue()
    {
        string path = Write("a,b\n1,2\n");
        var missing = Assert.Throws<CsvFormatException>(() => CsvDataset.LoadColumns<float>(path, ["a", "c", "d"]));
        Assert.Equal($"{path}, line 1, column 'c': the header has no columns 'c', 'd', and the inputs are the columns a, c, d; the file's columns are: a, b.", missing.Message);
        var bad = Assert.Throws<CsvFormatException>(() => CsvDataset.LoadColumns<float>(Write("a,b\n1,2\n3,z\n", "bad.csv"), ["b"]));
        Assert.Equal((3, "b", "z"), (bad.Line, bad.Column, bad.Value));
        var ragged = Assert.Throws<CsvFormatException>(() => CsvDataset.LoadColumns<float>(Write("a,b\n1\n", "ragged.csv"), ["a"]));
        Assert.Contains("the first missing one is 'b'", ragged.Message);
        Assert.Contains("no data rows", Assert.Throws<CsvFormatException>(() => CsvDataset.LoadColumns<float>(Write("a,b\n", "empty.csv"), ["a"])).Message);
    }
}
