using CommunityToolkit.HighPerformance;
using System.Numerics;
using System.Text;

namespace MiniGrad;

/// <summary>
/// Prints tensors as PyTorch 1.13 does (its <c>_tensor_str.py</c>, default print options), so that a tutorial's
/// printed output reads the same: 4 decimals, integer mode (<c>0., 2.</c>), scientific mode for wide ranges, every
/// element padded to one width, rows wrapped at 80 columns, and more than 1000 elements summarized with <c>...</c>.
/// </summary>
internal static class TensorFormatter
{
    private const int Precision = 4;
    private const int LineWidth = 80;
    internal const int Threshold = 1000;
    internal const int EdgeItems = 3;
    private const string Prefix = "tensor(";

    /// <summary>The PyTorch print of <paramref name="tensor"/>, with <paramref name="gradSuffix"/> (its grad_fn) among the suffixes.</summary>
    public static string Format<T>(Tensor<T> tensor, string? gradSuffix)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (tensor.IsDisposed) return "tensor(<disposed>)";
        var sb = new StringBuilder(Prefix);
        var suffixes = new List<string>();
        var shape = tensor.Shape;
        ReadOnlySpan<T> data = tensor.ReadOnlySpan;
        if (tensor.Length == 0)
        {
            sb.Append("[]");
            // As NumPy and PyTorch: the shape is spelled out unless it is (0,); Python writes tuples as (2, 0).
            if (shape.Rank != 1) suffixes.Add("size=(" + string.Join(", ", shape.Dims.ToArray()) + ")");
        }
        else
        {
            bool summarize = tensor.Length > Threshold;
            var style = ElementStyle.For(Summarized(data, shape, summarize));
            AppendTensor(sb, data, shape, 0, Prefix.Length, summarize, style);
        }
        // float32 is PyTorch's default dtype, so only float64 is named, as str(torch.float64) spells it.
        if (typeof(T) == typeof(double)) suffixes.Add("dtype=torch.float64");
        if (gradSuffix is not null) suffixes.Add(gradSuffix);
        AppendSuffixes(sb, suffixes);
        return sb.ToString();
    }

    /// <summary>
    /// How the print writes one element of <paramref name="tensor"/>, without the padding to a common width: for
    /// renderings that lay the elements out themselves (a notebook's HTML table) and must agree with the print.
    /// </summary>
    public static Func<double, string> ElementWriter<T>(Tensor<T> tensor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var style = ElementStyle.For(Summarized(tensor.ReadOnlySpan, tensor.Shape, tensor.Length > Threshold));
        return v => style.Format(v).TrimStart();
    }

    /// <summary>
    /// PyTorch's <c>_add_suffixes</c>: each suffix follows <c>", "</c> on the last line, or starts a new line indented
    /// by the prefix when it would pass the line width. The length arithmetic (including its +1) is PyTorch's.
    /// </summary>
    private static void AppendSuffixes(StringBuilder sb, List<string> suffixes)
    {
        string text = sb.ToString();
        int lastLineLength = text.Length - text.LastIndexOf('\n') + 1;
        foreach (string suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > LineWidth)
            {
                sb.Append(",\n").Append(' ', Prefix.Length).Append(suffix);
                lastLineLength = Prefix.Length + suffix.Length;
            }
            else
            {
                sb.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }
        sb.Append(')');
    }

    /// <summary>The values the formatter sizes itself on: all of them, or the edges kept when summarizing.</summary>
    private static List<double> Summarized<T>(ReadOnlySpan<T> data, TensorShape shape, bool summarize)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var values = new List<double>();
        if (!summarize)
        {
            foreach (T v in data) values.Add(double.CreateChecked(v));
            return values;
        }
        // Visit each element index; keep it when every coordinate is within EdgeItems of either end.
        Span<int> counter = stackalloc int[shape.Rank];
        counter.Clear();
        for (int flat = 0; flat < data.Length; flat++)
        {
            bool keep = true;
            for (int d = 0; d < shape.Rank && keep; d++)
            {
                int n = shape.Dims[d];
                keep = n <= 2 * EdgeItems || counter[d] < EdgeItems || counter[d] >= n - EdgeItems;
            }
            if (keep) values.Add(double.CreateChecked(data[flat]));
            for (int d = shape.Rank - 1; d >= 0; d--)
            {
                if (++counter[d] < shape.Dims[d]) break;
                counter[d] = 0;
            }
        }
        return values;
    }

    private static void AppendTensor<T>(StringBuilder sb, ReadOnlySpan<T> data, TensorShape shape, int dim, int indent,
        bool summarize, ElementStyle style)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int rank = shape.Rank;
        if (rank == 0)
        {
            sb.Append(style.Format(double.CreateChecked(data[0])));
            return;
        }
        if (dim == rank - 1)
        {
            AppendVector(sb, data, indent, summarize, style);
            return;
        }
        // The sub-tensors along this dim are the rows of an n × (the rest) grid.
        int n = shape.Dims[dim];
        var rows = data.AsSpan2D(n, data.Length / Math.Max(n, 1));
        // Rank is at most TensorShape.MaxRank, so this recursion is shallow and bounded.
        string separator = "," + new string('\n', rank - dim - 1) + new string(' ', indent + 1);
        sb.Append('[');
        bool elide = summarize && n > 2 * EdgeItems;
        bool first = true;
        for (int i = 0; i < n; i++)
        {
            if (elide && i == EdgeItems)
            {
                sb.Append(separator).Append("...");
                i = n - EdgeItems - 1;
                continue;
            }
            if (!first) sb.Append(separator);
            first = false;
            AppendTensor(sb, rows.GetRowSpan(i), shape, dim + 1, indent + 1, summarize, style);
        }
        sb.Append(']');
    }

    private static void AppendVector<T>(StringBuilder sb, ReadOnlySpan<T> data, int indent, bool summarize, ElementStyle style)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var items = new List<string>();
        if (summarize && data.Length > 2 * EdgeItems)
        {
            for (int i = 0; i < EdgeItems; i++) items.Add(style.Format(double.CreateChecked(data[i])));
            items.Add(" ...");
            for (int i = data.Length - EdgeItems; i < data.Length; i++) items.Add(style.Format(double.CreateChecked(data[i])));
        }
        else
        {
            foreach (T v in data) items.Add(style.Format(double.CreateChecked(v)));
        }
        int perLine = Math.Max(1, (LineWidth - indent) / (style.Width + 2));
        sb.Append('[');
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(i % perLine == 0 ? ",\n" + new string(' ', indent + 1) : ", ");
            sb.Append(items[i]);
        }
        sb.Append(']');
    }

    /// <summary>How every element of one tensor is written: integer, fixed or scientific, and the common width.</summary>
    private sealed class ElementStyle
    {
        private bool intMode = true;
        private bool sciMode;

        public int Width { get; private set; } = 1;

        public static ElementStyle For(List<double> values)
        {
            var style = new ElementStyle();
            var finite = values.Where(v => double.IsFinite(v) && v != 0).ToList();
            // With no nonzero finite value PyTorch sizes nothing: integer mode, width 1, so "0." and "inf" are unpadded.
            if (finite.Count == 0) return style;
            double min = finite.Min(Math.Abs), max = finite.Max(Math.Abs);
            style.intMode = finite.All(v => v == Math.Ceiling(v));
            style.sciMode = max / min > 1000.0 || max > 1e8 || (!style.intMode && min < 1e-4);
            foreach (double v in finite)
            {
                int len = style.sciMode ? Sci(v).Length : style.intMode ? Fixed(v, 0).Length + 1 : Fixed(v, Precision).Length;
                style.Width = Math.Max(style.Width, len);
            }
            return style;
        }

        public string Format(double v)
        {
            string s;
            if (sciMode) s = Sci(v);
            else if (intMode) s = double.IsFinite(v) ? Fixed(v, 0) + "." : Fixed(v, 0);
            else s = Fixed(v, Precision);
            return s.PadLeft(Width);
        }

        /// <summary>Python's <c>"{:.Nf}".format(v)</c>.</summary>
        private static string Fixed(double v, int decimals) =>
            double.IsFinite(v) ? ExactDecimal.Fixed(v, decimals) : NonFinite(v);

        /// <summary>Python's <c>"{:.4e}".format(v)</c>.</summary>
        private static string Sci(double v) =>
            double.IsFinite(v) ? ExactDecimal.Scientific(v, Precision) : NonFinite(v);

        private static string NonFinite(double v) => double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
}
