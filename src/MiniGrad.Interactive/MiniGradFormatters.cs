using Microsoft.DotNet.Interactive.Formatting;
using MiniGrad.Plotting;
using MiniGrad.Study;

namespace MiniGrad.Interactive;

/// <summary>
/// Registers MiniGrad's notebook formatters with .NET Interactive's <see cref="Formatter"/>: a tensor as PyTorch prints
/// it (text/plain) and as HTML (a table for 2-D), a <see cref="GraphPicture"/> as inline SVG, a
/// <see cref="TapeExplanation"/> as tables, a <see cref="LossHistory"/> or <see cref="LossComparison"/> as a chart,
/// and MiniGrad.Plotting's <see cref="LineChart"/> and <see cref="ChartGrid"/> as their SVG.
/// </summary>
/// <remarks>
/// Loading the package in a notebook (<c>#r "nuget: MiniGrad.Interactive, ..."</c>) calls <see cref="Register"/> through
/// the package's <c>interactive-extensions/dotnet/extension.dib</c>; call it yourself where that mechanism is absent.
/// </remarks>
public static class MiniGradFormatters
{
    /// <summary>The HTML MIME type.</summary>
    public const string Html = "text/html";

    /// <summary>The plain text MIME type.</summary>
    public const string PlainText = "text/plain";

    private static readonly Lock Gate = new();

    /// <summary>Registers every formatter. Calling it again registers them again, which is harmless.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            RegisterTensor<float>();
            RegisterTensor<double>();

            Formatter.Register<GraphPicture>((g, w) => w.Write(InlineSvg.Prepare(g.ToSvg())), Html);
            Formatter.Register<GraphPicture>((g, w) => w.Write(g.ToString()), PlainText);

            Formatter.Register<TapeExplanation>((e, w) => w.Write(TapeExplanationHtml.Render(e)), Html);
            Formatter.Register<TapeExplanation>((e, w) => w.Write(e.ToString()), PlainText);

            Formatter.Register<LossHistory>((h, w) => w.Write(h.Losses.Count == 0 ? Escape(h.ToString()) : InlineSvg.Prepare(h.ToSvg())), Html);
            Formatter.Register<LossHistory>((h, w) => w.Write(h.ToString()), PlainText);
            Formatter.Register<LossComparison>((c, w) => w.Write(InlineSvg.Prepare(c.ToSvg())), Html);
            Formatter.Register<LossComparison>((c, w) => w.Write(c.ToString()), PlainText);

            Formatter.Register<LineChart>((c, w) => w.Write(InlineSvg.Prepare(c.ToSvg())), Html);
            Formatter.Register<ChartGrid>((c, w) => w.Write(InlineSvg.Prepare(c.ToSvg())), Html);
        }
    }

    private static void RegisterTensor<T>()
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        Formatter.Register<Tensor<T>>((t, w) => w.Write(TensorHtml.Render(t)), Html);
        Formatter.Register<Tensor<T>>((t, w) => w.Write(t.ToString()), PlainText);
        // Both go into the notebook's output: the table in the notebook, the print wherever HTML is not shown.
        Formatter.SetPreferredMimeTypesFor(typeof(Tensor<T>), Html, PlainText);
    }

    private static string Escape(string text) => "<pre>" + System.Net.WebUtility.HtmlEncode(text) + "</pre>";
}
