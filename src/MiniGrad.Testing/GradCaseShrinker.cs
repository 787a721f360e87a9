namespace MiniGrad.Testing;

/// <summary>
/// What FsCheck tries, in order, to make a failing <see cref="GradCase"/> smaller, so that a failure reports a minimal
/// tensor: a dimension left out, then a dimension made smaller (the values kept are the original's leading corner),
/// then one value at a time made simpler (0, then a whole number, then one decimal). Every candidate is a case the
/// generator could have drawn: the rank stays at least 1, an even last dimension stays even, values stay in range.
/// </summary>
internal static class GradCaseShrinker
{
    public static IEnumerable<GradCase> Shrink(GradCase c, GradPropertyOptions options)
    {
        foreach (var (shape, corner) in SmallerShapes(c.Shape, options.EvenLastDim))
            yield return new GradCase(shape, Corner(c.Values, c.Shape, corner));
        for (int i = 0; i < c.Values.Length; i++)
            foreach (double simpler in SimplerValues(c.Values[i], options))
            {
                var values = (double[])c.Values.Clone();
                values[i] = simpler;
                yield return c with { Values = values };
            }
    }

    /// <summary>Smaller shapes, each with the leading corner of the original it keeps (same rank; 1 along a left-out dimension).</summary>
    private static IEnumerable<(int[] Shape, int[] Corner)> SmallerShapes(int[] shape, bool evenLastDim)
    {
        int last = shape.Length - 1;
        // The last dimension is only left out when the one before it becomes last and is even, if it must be.
        for (int i = 0; i < shape.Length && shape.Length > 1; i++)
        {
            if (evenLastDim && i == last && shape[i - 1] % 2 == 1) continue;
            var corner = (int[])shape.Clone();
            corner[i] = 1;
            yield return ([.. shape[..i], .. shape[(i + 1)..]], corner);
        }
        for (int i = 0; i < shape.Length; i++)
        {
            int unit = evenLastDim && i == last ? 2 : 1;
            int d = shape[i] / unit;
            foreach (int smaller in new[] { 1, d / 2, d - 1 }.Where(s => s >= 1 && s < d).Distinct())
            {
                var result = (int[])shape.Clone();
                result[i] = smaller * unit;
                yield return (result, result);
            }
        }
    }

    /// <summary>The elements (row-major over <paramref name="shape"/>) whose index lies inside <paramref name="corner"/>, in order.</summary>
    private static double[] Corner(double[] values, int[] shape, int[] corner)
    {
        var kept = new List<double>();
        for (int flat = 0; flat < values.Length; flat++)
        {
            int rem = flat;
            bool inside = true;
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                inside &= rem % shape[d] < corner[d];
                rem /= shape[d];
            }
            if (inside) kept.Add(values[flat]);
        }
        return [.. kept];
    }

    private static IEnumerable<double> SimplerValues(double value, GradPropertyOptions options) =>
        new[] { 0, Math.Round(value), Math.Round(value, 1) }
            .Distinct()
            .Where(v => v != value && (Math.Abs(v) <= options.Range || options.SpecialValues.Contains(v)));
}
