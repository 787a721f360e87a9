namespace MiniGrad;

/// <summary>What the kink rule found for one Jacobian entry.</summary>
/// <param name="AtKink">The function is not differentiable at x: the analytic value may lie anywhere in [Lo, Hi].</param>
/// <param name="Lo">The smaller one-sided slope seen.</param>
/// <param name="Hi">The larger one-sided slope seen.</param>
/// <param name="Central">The central difference to compare with (the smaller step's when a kink lies within the step).</param>
/// <param name="Jump">f itself jumps at x.</param>
internal readonly record struct KinkVerdict(bool AtKink, double Lo, double Hi, double Central, bool Jump)
{
    /// <summary>No kink: the slopes as they are.</summary>
    public static KinkVerdict Smooth(Slopes s) => new(false, Math.Min(s.Left, s.Right), Math.Max(s.Left, s.Right), s.Central, false);
}

/// <summary>
/// Tells a kink from curvature: when the one-sided slopes r and l disagree beyond the tolerance, they are compared
/// again at a step four times smaller. A jump that persists is a kink at x (the analytic value may then lie anywhere
/// between the slopes); one that shrinks means the function is smooth at x but a kink lies within the step, and the
/// smaller step's central difference is used instead.
/// </summary>
internal sealed class KinkDetector(CheckSettings s, IColumnDifferences differences)
{
    /// <summary>
    /// The verdict for element <paramref name="j"/> of output <paramref name="o"/> along element
    /// <paramref name="element"/> of input <paramref name="input"/> (value <paramref name="x"/>, step
    /// <paramref name="h"/>). <paramref name="quarter"/> holds the column's differences at h / 4, evaluated on first
    /// need and shared by the column's other entries.
    /// </summary>
    public KinkVerdict Judge(int input, int element, double x, double h, int o, int j, double f0, Slopes slopes, ref Differences? quarter)
    {
        var smooth = KinkVerdict.Smooth(slopes);
        if (!s.SuspectsKink(slopes.Right, slopes.Left)) return smooth;
        quarter ??= differences.Column(input, element, x, h / 4);
        var small = quarter.Value.At(o, j, f0);
        double jump = Math.Abs(slopes.Right - slopes.Left), smallJump = Math.Abs(small.Right - small.Left);
        // At a jump of f itself the one-sided slopes grow as 1/h: four times larger at a quarter of the step.
        if (smallJump > 0.5 * jump)
            return new KinkVerdict(true, Math.Min(smooth.Lo, Math.Min(small.Left, small.Right)),
                Math.Max(smooth.Hi, Math.Max(small.Left, small.Right)), slopes.Central, smallJump > 2 * jump);
        return new KinkVerdict(false, smooth.Lo, smooth.Hi, small.Central, false);
    }
}
