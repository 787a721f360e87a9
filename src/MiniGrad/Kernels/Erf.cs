using System.Numerics;

namespace MiniGrad.Kernels;

/// <summary>
/// The error function and its complement in double precision (.NET has neither), to within about one ulp.
/// </summary>
/// <remarks>
/// <para>The algorithm and its minimax coefficients are those of Sun's fdlibm <c>s_erf.c</c> (Copyright (C) 1993 by
/// Sun Microsystems, Inc.; "Permission to use, copy, modify, and distribute this software is freely granted,
/// provided that this notice is preserved."), as also used by FreeBSD's msun, musl and glibc:</para>
/// <list type="number">
/// <item>|x| &lt; 0.84375: <c>erf(x) = x + x·P(x²)/Q(x²)</c>.</item>
/// <item>0.84375 ≤ |x| &lt; 1.25: with <c>s = |x| - 1</c>, <c>erf(x) = sign(x)·(c + P1(s)/Q1(s))</c>, c = 0.845062911510467529297.</item>
/// <item>1.25 ≤ |x| &lt; 28: <c>erfc(|x|) = exp(-x² - 0.5625 + R(1/x²)/S(1/x²)) / |x|</c>, with one rational fit
/// below 1/0.35 and another above; <c>-x²</c> is split exactly through a truncated copy of x so the exponent
/// keeps its precision.</item>
/// <item>Beyond: erf is ±1 and erfc underflows to 0 (or is 2 for large negative x).</item>
/// </list>
/// <para>float inputs go through the double routine and round once.</para>
/// </remarks>
internal static class Erf
{
    private const double Erx = 8.45062911510467529297e-01;
    private const double Efx = 1.28379167095512586316e-01;

    // erf on [0, 0.84375]
    private const double Pp0 = 1.28379167095512558561e-01, Pp1 = -3.25042107247001499370e-01, Pp2 = -2.84817495755985104766e-02,
        Pp3 = -5.77027029648944159157e-03, Pp4 = -2.37630166566501626084e-05;
    private const double Qq1 = 3.97917223959155352819e-01, Qq2 = 6.50222499887672944485e-02, Qq3 = 5.08130628187576562776e-03,
        Qq4 = 1.32494738004321644526e-04, Qq5 = -3.96022827877536812320e-06;

    // erf on [0.84375, 1.25]
    private const double Pa0 = -2.36211856075265944077e-03, Pa1 = 4.14856118683748331666e-01, Pa2 = -3.72207876035701323847e-01,
        Pa3 = 3.18346619901161753674e-01, Pa4 = -1.10894694282396677476e-01, Pa5 = 3.54783043256182359371e-02,
        Pa6 = -2.16637559486879084300e-03;
    private const double Qa1 = 1.06420880400844228286e-01, Qa2 = 5.40397917702171048937e-01, Qa3 = 7.18286544141962662868e-02,
        Qa4 = 1.26171219808761642112e-01, Qa5 = 1.36370839120290507362e-02, Qa6 = 1.19844998467991074170e-02;

    // erfc on [1.25, 1/0.35]
    private const double Ra0 = -9.86494403484714822705e-03, Ra1 = -6.93858572707181764372e-01, Ra2 = -1.05586262253232909814e+01,
        Ra3 = -6.23753324503260060396e+01, Ra4 = -1.62396669462573470355e+02, Ra5 = -1.84605092906711035994e+02,
        Ra6 = -8.12874355063065934246e+01, Ra7 = -9.81432934416914548592e+00;
    private const double Sa1 = 1.96512716674392571292e+01, Sa2 = 1.37657754143519042600e+02, Sa3 = 4.34565877475229228821e+02,
        Sa4 = 6.45387271733267880336e+02, Sa5 = 4.29008140027567833386e+02, Sa6 = 1.08635005541779435134e+02,
        Sa7 = 6.57024977031928170135e+00, Sa8 = -6.04244152148580987438e-02;

    // erfc on [1/0.35, 28]
    private const double Rb0 = -9.86494292470009928597e-03, Rb1 = -7.99283237680523006574e-01, Rb2 = -1.77579549177547519889e+01,
        Rb3 = -1.60636384855821916062e+02, Rb4 = -6.37566443368389627722e+02, Rb5 = -1.02509513161107724954e+03,
        Rb6 = -4.83519191608651397019e+02;
    private const double Sb1 = 3.03380607434824582924e+01, Sb2 = 3.25792512996573918826e+02, Sb3 = 1.53672958608443695994e+03,
        Sb4 = 3.19985821950859553908e+03, Sb5 = 2.55305040643316442583e+03, Sb6 = 4.74528541206955367215e+02,
        Sb7 = -2.24409524465858183362e+01;

    /// <summary>erf(x) = 2/√π ∫₀ˣ e^(-t²) dt. erf(±∞) = ±1, erf(NaN) = NaN.</summary>
    public static double Evaluate(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < 0.84375)
        {
            if (ax < 3.7252902984e-09) return x + Efx * x; // |x| < 2^-28: the series' first term is exact enough
            double z = x * x;
            return x + x * SmallRatio(z);
        }
        if (ax < 1.25)
        {
            double pq = MidRatio(ax - 1.0);
            return x >= 0 ? Erx + pq : -Erx - pq;
        }
        if (ax >= 6.0) return x >= 0 ? 1.0 : -1.0;
        double r = TailTimesX(ax) / ax;
        return x >= 0 ? 1.0 - r : r - 1.0;
    }

    /// <summary>erfc(x) = 1 - erf(x), accurate in relative terms far into the right tail (erfc(26) ≈ 5.7e-296).</summary>
    public static double Complement(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < 0.84375)
        {
            if (ax < 1.3877787807814457e-17) return 1.0 - x; // |x| < 2^-56
            double y = SmallRatio(x * x);
            if (x < 0.25) return 1.0 - (x + x * y);
            return 0.5 - (x * y + (x - 0.5));
        }
        if (ax < 1.25)
        {
            double pq = MidRatio(ax - 1.0);
            return x >= 0 ? (1.0 - Erx) - pq : 1.0 + (Erx + pq);
        }
        if (ax < 28.0)
        {
            if (x < -6.0) return 2.0;
            double r = TailTimesX(ax) / ax;
            return x > 0 ? r : 2.0 - r;
        }
        return x > 0 ? 0.0 : 2.0;
    }

    /// <summary>erf over a span (T float or double).</summary>
    public static void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Elementwise.CheckLengths("erf", x.Length, y.Length);
        for (int i = 0; i < x.Length; i++) y[i] = T.CreateTruncating(Evaluate(double.CreateTruncating(x[i])));
    }

    private static double SmallRatio(double z)
    {
        double r = Pp0 + z * (Pp1 + z * (Pp2 + z * (Pp3 + z * Pp4)));
        double s = 1.0 + z * (Qq1 + z * (Qq2 + z * (Qq3 + z * (Qq4 + z * Qq5))));
        return r / s;
    }

    private static double MidRatio(double s)
    {
        double p = Pa0 + s * (Pa1 + s * (Pa2 + s * (Pa3 + s * (Pa4 + s * (Pa5 + s * Pa6)))));
        double q = 1.0 + s * (Qa1 + s * (Qa2 + s * (Qa3 + s * (Qa4 + s * (Qa5 + s * Qa6)))));
        return p / q;
    }

    /// <summary><c>x · erfc(x)</c> for 1.25 ≤ x &lt; 28.</summary>
    private static double TailTimesX(double x)
    {
        double s = 1.0 / (x * x);
        double r, q;
        if (x < 1 / 0.35)
        {
            r = Ra0 + s * (Ra1 + s * (Ra2 + s * (Ra3 + s * (Ra4 + s * (Ra5 + s * (Ra6 + s * Ra7))))));
            q = 1.0 + s * (Sa1 + s * (Sa2 + s * (Sa3 + s * (Sa4 + s * (Sa5 + s * (Sa6 + s * (Sa7 + s * Sa8)))))));
        }
        else
        {
            r = Rb0 + s * (Rb1 + s * (Rb2 + s * (Rb3 + s * (Rb4 + s * (Rb5 + s * Rb6)))));
            q = 1.0 + s * (Sb1 + s * (Sb2 + s * (Sb3 + s * (Sb4 + s * (Sb5 + s * (Sb6 + s * Sb7))))));
        }
        // z is x with its low 32 bits cleared, so z*z is exact and -x² = -z² + (z - x)(z + x) loses nothing.
        double z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFF00000000UL));
        return Math.Exp(-z * z - 0.5625) * Math.Exp((z - x) * (z + x) + r / q);
    }
}
