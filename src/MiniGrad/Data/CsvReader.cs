namespace MiniGrad.Data;

/// <summary>
/// Reads a CSV text record by record without a string per line: lines are cut out of a reused character buffer and
/// split into fields held in a reused scratch buffer, so the caller parses spans.
/// </summary>
/// <remarks>
/// Fields are separated by commas. A field may be quoted ("a, b"), with "" for a quote inside; a quoted field cannot
/// span lines. Lines end in \n or \r\n. Blank lines (only whitespace) are skipped, as pandas does.
/// </remarks>
internal sealed class CsvReader
{
    private readonly TextReader reader;
    private char[] buffer = new char[1 << 16];
    private int position, end;
    private bool endOfText;
    private char[] fieldChars = new char[256];
    private readonly List<(int Start, int Length)> fields = [];
    private int lineStart, lineLength;

    public CsvReader(TextReader reader, string source)
    {
        this.reader = reader;
        Source = source;
    }

    /// <summary>The file name used in error messages.</summary>
    public string Source { get; }

    /// <summary>The 1-based line number of the current record.</summary>
    public int Line { get; private set; }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount => fields.Count;

    /// <summary>Field <paramref name="index"/> of the current record, unquoted, as read (no trimming).</summary>
    public ReadOnlySpan<char> Field(int index) => fieldChars.AsSpan(fields[index].Start, fields[index].Length);

    /// <summary>The current record's line as written (for error messages).</summary>
    public string LineText() => buffer.AsSpan(lineStart, lineLength).ToString();

    /// <summary>Moves to the next non-blank line and splits it; false at the end of the text.</summary>
    public bool ReadRecord()
    {
        while (NextLine(out var line))
        {
            if (line.IsWhiteSpace()) continue;
            Split(line);
            return true;
        }
        return false;
    }

    private bool NextLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            int newline = buffer.AsSpan(position, end - position).IndexOf('\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(buffer.AsSpan(position, newline));
                (lineStart, lineLength) = (position, line.Length); // in the buffer until the next read, for LineText
                position += newline + 1;
                Line++;
                return true;
            }
            if (endOfText)
            {
                if (position < end)
                {
                    line = TrimCarriageReturn(buffer.AsSpan(position, end - position));
                    (lineStart, lineLength) = (position, line.Length);
                    position = end;
                    Line++;
                    return true;
                }
                line = default;
                return false;
            }
            // Keep the unfinished line, at the start of the buffer, and read more behind it.
            if (position > 0)
            {
                Array.Copy(buffer, position, buffer, 0, end - position);
                end -= position;
                position = 0;
            }
            if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read = reader.Read(buffer, end, buffer.Length - end);
            if (read == 0) endOfText = true;
            else end += read;
        }
    }

    private static ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    private void Split(ReadOnlySpan<char> line)
    {
        fields.Clear();
        if (fieldChars.Length < line.Length) fieldChars = new char[Math.Max(line.Length, fieldChars.Length * 2)];
        int written = 0, i = 0;
        while (true)
        {
            int start = written;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new CsvFormatException(Source, Line, null, line.ToString(),
                            "a quoted field has no closing quote (a quoted field cannot span lines; write a quote inside one as \"\").");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { fieldChars[written++] = '"'; i += 2; continue; }
                        i++;
                        break;
                    }
                    fieldChars[written++] = line[i++];
                }
                if (i < line.Length && line[i] != ',')
                    throw new CsvFormatException(Source, Line, null, line.ToString(),
                        $"text follows the closing quote of field {fields.Count + 1} (at character {i + 1}); a quoted field must end at a comma.");
            }
            else
            {
                while (i < line.Length && line[i] != ',') fieldChars[written++] = line[i++];
            }
            fields.Add((start, written - start));
            if (i >= line.Length) return;
            i++; // the comma: another field follows, perhaps an empty last one
        }
    }
}
