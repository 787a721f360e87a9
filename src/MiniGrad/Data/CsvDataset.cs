using System.Globalization;
using System.Numerics;

namespace MiniGrad.Data;

/// <summary>
/// Loads a CSV file as a dataset: a header row of column names, then one sample per row; one column, chosen by name,
/// is the target and every other column a numeric input feature, in file order. PyTorch has no CSV loader (one
/// reads with pandas and wraps the arrays in a <c>TensorDataset</c>); this is that, in one call.
/// </summary>
/// <remarks>
/// <para>Format: comma-separated; fields may be quoted (<c>"a, b"</c>, with <c>""</c> for a quote), not across lines;
/// \n or \r\n line ends; blank lines skipped. Numbers are read in the invariant culture (<c>5.1</c>, <c>-2e-3</c>;
/// never <c>5,1</c>), surrounding spaces allowed; NaN and infinities are refused, as is an empty field.</para>
/// <para>Errors: a bad row throws <see cref="CsvFormatException"/> naming the file, the line, the column and the
/// value, and nothing is returned: the dataset is built only once the whole file has been read.</para>
/// <para>Memory: rows are parsed field by field into growing arrays of numbers (a value takes the size of
/// the element type, not of its text), so a file needs about its values' bytes, twice at worst while the
/// arrays grow, plus the tensor; never a string per row.</para>
/// </remarks>
public static class CsvDataset
{
    /// <summary>
    /// Loads <paramref name="path"/> with the column <paramref name="targetColumn"/> as class labels: each distinct
    /// label becomes a class index. <see cref="ClassificationDataset{T}.ClassNames"/> keeps the labels: sorted by value
    /// when every label is a number ("2" before "10"), else in ordinal string order ("setosa", "versicolor", ...).
    /// </summary>
    /// <returns>Inputs [N, columns - 1]; targets the class indices.</returns>
    /// <exception cref="CsvFormatException">The file is not as described (see the type's remarks).</exception>
    public static ClassificationDataset<T> LoadClassification<T>(string path, string targetColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var reader = OpenText(path);
        return LoadClassification<T>(reader, targetColumn, path);
    }

    /// <summary>As <see cref="LoadClassification{T}(string, string)"/>, from a reader; <paramref name="sourceName"/> names it in errors.</summary>
    public static ClassificationDataset<T> LoadClassification<T>(TextReader reader, string targetColumn, string sourceName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var table = Read<T>(reader, targetColumn, sourceName, classes: true);
        var (targets, classNames) = Classes(table.Labels!, table.LabelNames!);
        return new ClassificationDataset<T>(table.Inputs(), targets, classNames, table.FeatureNames);
    }

    /// <summary>
    /// Loads <paramref name="path"/> with the numeric column <paramref name="targetColumn"/> as a regression target.
    /// </summary>
    /// <returns>Inputs [N, columns - 1]; targets [N, 1] (the shape of a one-output model's prediction).</returns>
    /// <exception cref="CsvFormatException">The file is not as described (see the type's remarks).</exception>
    public static TensorDataset<T> LoadRegression<T>(string path, string targetColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var reader = OpenText(path);
        return LoadRegression<T>(reader, targetColumn, path);
    }

    /// <summary>As <see cref="LoadRegression{T}(string, string)"/>, from a reader; <paramref name="sourceName"/> names it in errors.</summary>
    public static TensorDataset<T> LoadRegression<T>(TextReader reader, string targetColumn, string sourceName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var table = Read<T>(reader, targetColumn, sourceName, classes: false);
        var targets = table.Values!.ToTensor(new TensorShape(table.Rows, 1));
        return new TensorDataset<T>(table.Inputs(), targets, table.FeatureNames);
    }

    /// <summary>
    /// Loads the columns <paramref name="columns"/> of <paramref name="path"/>, found by name in its header, as inputs
    /// for a trained model: every other column (a target, an id) is skipped unread, and the columns may stand in
    /// any order in the file. Rows, fields and numbers follow the type's remarks.
    /// </summary>
    /// <returns>Inputs [N, columns.Count], the columns in the order of <paramref name="columns"/>.</returns>
    /// <exception cref="CsvFormatException">The header lacks a column, or a row is not as described (see the type's remarks).</exception>
    public static Tensor<T> LoadColumns<T>(string path, IReadOnlyList<string> columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        using var reader = OpenText(path);
        return LoadColumns<T>(reader, columns, path);
    }

    /// <summary>As <see cref="LoadColumns{T}(string, IReadOnlyList{string})"/>, from a reader; <paramref name="sourceName"/> names it in errors.</summary>
    public static Tensor<T> LoadColumns<T>(TextReader reader, IReadOnlyList<string> columns, string sourceName)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (columns.Count == 0) throw new ArgumentException("CsvDataset.LoadColumns: name at least one column to load.", nameof(columns));
        var csv = new CsvReader(reader, sourceName);
        var names = ReadHeader(csv, sourceName);
        var missing = columns.Where(c => Array.IndexOf(names, c) < 0).ToList();
        if (missing.Count > 0)
            throw new CsvFormatException(sourceName, csv.Line, missing[0], null,
                $"the header has no column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}, " +
                $"and the inputs are the columns {string.Join(", ", columns)}; the file's columns are: {string.Join(", ", names)}.");
        var positions = columns.Select(c => Array.IndexOf(names, c)).ToArray();
        var values = new GrowableBuffer<T>();
        int rows = 0;
        while (csv.ReadRecord())
        {
            CheckFieldCount(csv, names);
            foreach (int c in positions) values.Add(ParseNumber<T>(csv.Field(c), csv, names[c]));
            rows++;
        }
        if (rows == 0)
            throw new CsvFormatException(sourceName, csv.Line + 1, null, null, "the file has a header but no data rows.");
        return values.ToTensor(new TensorShape(rows, columns.Count));
    }

    private static StreamReader OpenText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"CsvDataset: no file at {path} (full path {Path.GetFullPath(path)}).", path);
        return new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    /// <summary>What a pass over the file collected, before any tensor is made.</summary>
    private sealed class Table<T>(string[] featureNames, GrowableBuffer<T> features)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public string[] FeatureNames { get; } = featureNames;
        public GrowableBuffer<T> Features { get; } = features;
        public int Rows { get; set; }
        public GrowableBuffer<T>? Values { get; init; }
        public GrowableBuffer<int>? Labels { get; init; }
        public List<string>? LabelNames { get; init; }

        public Tensor<T> Inputs() => Features.ToTensor(new TensorShape(Rows, FeatureNames.Length));
    }

    private static Table<T> Read<T>(TextReader reader, string targetColumn, string source, bool classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(targetColumn);
        ArgumentNullException.ThrowIfNull(source);
        var csv = new CsvReader(reader, source);
        var names = ReadHeader(csv, source);
        int target = Array.IndexOf(names, targetColumn);
        if (target < 0)
            throw new CsvFormatException(source, csv.Line, targetColumn, null,
                $"the header has no column '{targetColumn}' to use as the target; its columns are: {string.Join(", ", names)}.");
        if (names.Length < 2)
            throw new CsvFormatException(source, csv.Line, null, null, "the header has only the target column; a dataset needs at least one input column too.");

        var featureNames = names.Where((_, c) => c != target).ToArray();
        var labelNames = classes ? new List<string>() : null;
        var labelIds = classes ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        var table = new Table<T>(featureNames, new GrowableBuffer<T>())
        {
            Values = classes ? null : new GrowableBuffer<T>(),
            Labels = classes ? new GrowableBuffer<int>() : null,
            LabelNames = labelNames,
        };
        var featureBuffer = table.Features;
        var lookup = labelIds?.GetAlternateLookup<ReadOnlySpan<char>>();

        while (csv.ReadRecord())
        {
            CheckFieldCount(csv, names);
            for (int c = 0; c < names.Length; c++)
            {
                var field = csv.Field(c);
                if (c == target && classes)
                {
                    var label = field.Trim();
                    if (label.IsEmpty)
                        throw new CsvFormatException(source, csv.Line, names[c], field.ToString(), "the class label is empty; every row needs one.");
                    if (!lookup!.Value.TryGetValue(label, out int id))
                    {
                        id = labelNames!.Count;
                        string name = label.ToString();
                        labelNames.Add(name);
                        labelIds![name] = id;
                    }
                    table.Labels!.Add(id);
                    continue;
                }
                T value = ParseNumber<T>(field, csv, names[c]);
                if (c == target) table.Values!.Add(value);
                else featureBuffer.Add(value);
            }
            table.Rows++;
        }
        if (table.Rows == 0)
            throw new CsvFormatException(source, csv.Line + 1, null, null, "the file has a header but no data rows.");
        return table;
    }

    /// <summary>Reads the header row: column names, none empty, none twice.</summary>
    private static string[] ReadHeader(CsvReader csv, string source)
    {
        if (!csv.ReadRecord())
            throw new CsvFormatException(source, 1, null, null, "the file is empty; it needs a header row of column names, then one row per sample.");
        var names = new string[csv.FieldCount];
        for (int c = 0; c < names.Length; c++)
        {
            names[c] = csv.Field(c).Trim().ToString();
            if (names[c].Length == 0)
                throw new CsvFormatException(source, csv.Line, null, null, $"header field {c + 1} is empty; every column needs a name.");
            int earlier = Array.IndexOf(names, names[c], 0, c);
            if (earlier >= 0)
                throw new CsvFormatException(source, csv.Line, names[c], names[c], $"two columns have this name (fields {earlier + 1} and {c + 1}); names must be unique.");
        }
        return names;
    }

    /// <summary>A row must have a field per column of the header.</summary>
    private static void CheckFieldCount(CsvReader csv, string[] names)
    {
        if (csv.FieldCount == names.Length) return;
        // Too few fields: the first missing column is named. Too many: no column is, the row is shown.
        string? column = csv.FieldCount < names.Length ? names[csv.FieldCount] : null;
        string row = csv.LineText();
        throw new CsvFormatException(csv.Source, csv.Line, column, row,
            $"the row \"{row}\" has {csv.FieldCount} fields but the header has {names.Length} columns ({string.Join(", ", names)}); " +
            (column is not null ? $"the first missing one is '{column}'." : "quote a field that holds a comma."));
    }

    private static T ParseNumber<T>(ReadOnlySpan<char> field, CsvReader csv, string column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (field.IsWhiteSpace())
            throw new CsvFormatException(csv.Source, csv.Line, column, field.ToString(), "the field is empty; every input needs a number (fill or drop missing values first).");
        if (!T.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out T value))
            throw new CsvFormatException(csv.Source, csv.Line, column, field.ToString(),
                $"'{field.ToString()}' is not a number; numbers are read in the invariant culture, like 5.1 or -2e-3 (a decimal point, no thousands separators).");
        if (!T.IsFinite(value))
            throw new CsvFormatException(csv.Source, csv.Line, column, field.ToString(),
                $"'{field.ToString()}' is not a finite {(typeof(T) == typeof(float) ? "float" : "double")}; NaN and infinities cannot be trained on.");
        return value;
    }

    /// <summary>Class indices in the documented order of the label names (numeric when all are numbers, else ordinal).</summary>
    private static (int[] Targets, string[] ClassNames) Classes(GrowableBuffer<int> labels, List<string> names)
    {
        var numbers = new double[names.Count];
        bool numeric = true;
        for (int i = 0; i < names.Count && numeric; i++)
            numeric = double.TryParse(names[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i]);
        var order = Enumerable.Range(0, names.Count).ToArray();
        if (numeric)
            Array.Sort(order, (a, b) => numbers[a] != numbers[b] ? numbers[a].CompareTo(numbers[b]) : string.CompareOrdinal(names[a], names[b]));
        else
            Array.Sort(order, (a, b) => string.CompareOrdinal(names[a], names[b]));
        var newIndex = new int[names.Count];
        for (int i = 0; i < order.Length; i++) newIndex[order[i]] = i;
        var targets = labels.ToArray();
        for (int i = 0; i < targets.Length; i++) targets[i] = newIndex[targets[i]];
        return (targets, order.Select(i => names[i]).ToArray());
    }
}
