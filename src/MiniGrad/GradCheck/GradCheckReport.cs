using System.Globalization;
using System.Text;

namespace MiniGrad;

/// <summary>Formats a <see cref="GradCheckResult"/> for a person: verdict, worst elements, kinks, extra checks, hints.</summary>
internal static class GradCheckReport
{
    public static string Number(double v) =>
        double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "inf"
        : double.IsNegativeInfinity(v) ? "-inf"
        : v == 0 ? "0"
        : Math.Abs(v) is >= 1e-3 and < 1e6 ? v.ToString("0.######", CultureInfo.InvariantCulture)
        : v.ToString("0.###e+0", CultureInfo.InvariantCulture);

    public static string Format(GradCheckResult r)
    {
        var sb = new StringBuilder();
        sb.Append("GradCheck ").Append(r.Passed ? "PASSED" : "FAILED")
          .Append(CultureInfo.InvariantCulture, $"  ({r.Mode}; {r.Precision}; eps {Number(r.Eps)}, atol {Number(r.Atol)}, rtol {Number(r.Rtol)})")
          .AppendLine();
        foreach (var note in r.Notes) sb.Append("  note: ").AppendLine(note);

        foreach (var c in r.Comparisons)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"output {c.OutputIndex} {c.OutputShape} w.r.t. input {c.InputIndex} {c.InputShape}: ");
            sb.Append(c.Passed ? "ok" : $"{c.Mismatches} of {c.Compared} mismatch")
              .Append(CultureInfo.InvariantCulture, $", {c.Compared} compared, max abs error {Number(c.MaxAbsError)}, max rel error {Number(c.MaxRelError)}")
              .AppendLine();
            if (c.Worst.Count == 0) continue;
            sb.AppendLine(c.Passed ? "  largest errors:" : "  worst elements:");
            sb.Append(CultureInfo.InvariantCulture, $"    {"out",-10} {"in",-10} {"x",12} {"analytic",14} {"numerical",14} {"abs err",11} {"rel err",11}").AppendLine();
            foreach (var e in c.Worst)
            {
                string mark = !e.Passed ? "  ✗" : e.AtKink ? "  kink" : "";
                sb.Append(CultureInfo.InvariantCulture,
                    $"    {e.OutputIndex,-10} {e.InputIndex,-10} {Number(e.X),12} {Number(e.Analytic),14} {Number(e.Numerical),14} {Number(e.AbsError),11} {Number(e.RelError),11}{mark}")
                  .AppendLine();
            }
        }

        if (r.Kinks.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"kinks (non-differentiable points): {r.Kinks.Count}").AppendLine();
            foreach (var k in r.Kinks.Take(8))
                sb.Append(CultureInfo.InvariantCulture,
                    $"  input {k.InputIndex}[{k.InputElement}] x = {Number(k.X)} (output {k.OutputIndex}[{k.OutputElement}]){(k.IsJump ? ", a jump of f" : "")}: left slope {Number(k.LeftSlope)}, right slope {Number(k.RightSlope)}, analytic {Number(k.Analytic)} {(k.Accepted ? "lies between: accepted" : "lies outside: FAILED")}")
                  .AppendLine();
            if (r.Kinks.Count > 8) sb.Append(CultureInfo.InvariantCulture, $"  ... and {r.Kinks.Count - 8} more").AppendLine();
        }

        if (r.Checks.Count > 0)
        {
            sb.AppendLine("checks:");
            foreach (var ch in r.Checks)
                sb.Append("  ").Append(ch.Passed ? "ok   " : "FAIL ").Append(ch.Name).Append(": ").AppendLine(ch.Detail);
        }
        foreach (var h in r.Hints) sb.Append("hint: ").AppendLine(h.Message);
        return sb.ToString().TrimEnd();
    }
}
