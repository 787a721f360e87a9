using System.Numerics;

namespace MiniGrad;

/// <summary>
/// Decimal text of a double rounded exactly as Python's <c>format</c> rounds it: from the exact binary value, ties to
/// even. .NET rounds ties away from zero (0.03125 with 4 decimals is 0.0313 in .NET, 0.0312 in Python), and PyTorch
/// prints through Python, so the printed tensors would differ on such values without this.
/// </summary>
internal static class ExactDecimal
{
    /// <summary><c>"{:.Nf}".format(v)</c> for a finite <paramref name="v"/>.</summary>
    public static string Fixed(double v, int decimals)
    {
        var (num, den) = Fraction(Math.Abs(v));
        BigInteger q = RoundHalfEven(num * BigInteger.Pow(10, decimals), den);
        string digits = q.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        string s = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return double.IsNegative(v) ? "-" + s : s;
    }

    /// <summary><c>"{:.Ne}".format(v)</c> for a finite <paramref name="v"/>: one digit, N decimals, a signed exponent of at least two digits.</summary>
    public static string Scientific(double v, int decimals)
    {
        string sign = double.IsNegative(v) ? "-" : "";
        if (v == 0) return sign + "0." + new string('0', decimals) + "e+00";
        var (num, den) = Fraction(Math.Abs(v));
        BigInteger low = BigInteger.Pow(10, decimals), high = low * 10;
        int e = (int)Math.Floor(Math.Log10(Math.Abs(v)));
        BigInteger q;
        while (true)
        {
            // q = round(|v| * 10^(decimals - e)); adjust e until q has exactly decimals + 1 digits.
            int shift = decimals - e;
            q = shift >= 0
                ? RoundHalfEven(num * BigInteger.Pow(10, shift), den)
                : RoundHalfEven(num, den * BigInteger.Pow(10, -shift));
            if (q >= high) e++;
            else if (q < low) e--;
            else break;
        }
        string digits = q.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string mantissa = decimals == 0 ? digits : digits[..1] + "." + digits[1..];
        string exponent = Math.Abs(e).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        return $"{sign}{mantissa}e{(e < 0 ? '-' : '+')}{exponent}";
    }

    /// <summary>A non-negative finite double as numerator / denominator, the denominator a power of two.</summary>
    private static (BigInteger Num, BigInteger Den) Fraction(double a)
    {
        long bits = BitConverter.DoubleToInt64Bits(a);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & ((1L << 52) - 1);
        int e;
        if (exponent == 0) e = -1074; // subnormal: no implicit leading bit
        else
        {
            mantissa |= 1L << 52;
            e = exponent - 1075;
        }
        return e >= 0 ? (new BigInteger(mantissa) << e, BigInteger.One) : (new BigInteger(mantissa), BigInteger.One << -e);
    }

    private static BigInteger RoundHalfEven(BigInteger num, BigInteger den)
    {
        BigInteger q = BigInteger.DivRem(num, den, out BigInteger r);
        int c = (r * 2).CompareTo(den);
        return c > 0 || (c == 0 && !q.IsEven) ? q + 1 : q;
    }
}
