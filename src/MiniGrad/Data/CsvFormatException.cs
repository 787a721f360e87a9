namespace MiniGrad.Data;

/// <summary>
/// A CSV file that cannot be loaded as asked: a row with the wrong number of fields, a value that is not a number,
/// an empty field, a missing target column. The message names the file, the line (1 = the header), the column and the
/// value; the properties hold them for a program to report (the CLI prints the message and exits 2).
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>A CSV problem at <paramref name="line"/> of <paramref name="file"/>.</summary>
    /// <param name="file">The file's path, or the name given for a reader.</param>
    /// <param name="line">The 1-based line number (the header is line 1).</param>
    /// <param name="column">The column's name from the header, or null when the problem is not one column's.</param>
    /// <param name="value">The offending text, or null.</param>
    /// <param name="problem">What is wrong and what to do, without the location (the message adds it).</param>
    public CsvFormatException(string file, int line, string? column, string? value, string problem)
        : base(Compose(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Value = value;
    }

    /// <summary>The file's path, or the name given for a reader.</summary>
    public string File { get; }

    /// <summary>The 1-based line number (the header is line 1).</summary>
    public int Line { get; }

    /// <summary>The column's name from the header, or null when the problem is not one column's.</summary>
    public string? Column { get; }

    /// <summary>The offending text, or null.</summary>
    public string? Value { get; }

    private static string Compose(string file, int line, string? column, string problem) =>
        column is null ? $"{file}, line {line}: {problem}" : $"{file}, line {line}, column '{column}': {problem}";
}
