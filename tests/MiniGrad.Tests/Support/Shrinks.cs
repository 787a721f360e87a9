using FsCheck;
using FsCheck.Fluent;

namespace MiniGrad.Tests.Support;

/// <summary>
/// The shrinkers of the property tests' generated cases: what FsCheck tries, in order, to make a failing case smaller,
/// so that a failure reports a minimal input (and the replay seed of the original). Each candidate stays inside its
/// generator's range, so a shrunk case is still one the generator could have drawn. A seed is never shrunk: a smaller
/// seed is not a simpler input, only another one.
/// </summary>
public static class Shrinks
{
    /// <summary>The generator as an arbitrary whose failing values FsCheck shrinks with <paramref name="shrinker"/>.</summary>
    public static Arbitrary<T> ShrinkingWith<T>(this Gen<T> gen, Func<T, IEnumerable<T>> shrinker) => Arb.From(gen, shrinker);

    /// <summary>Toward <paramref name="target"/>: the target itself, then halfway, then one step closer.</summary>
    public static IEnumerable<int> Int(int value, int target = 0)
    {
        if (value == target) yield break;
        yield return target;
        int half = target + (value - target) / 2;
        if (half != target && half != value) yield return half;
        int step = value > target ? value - 1 : value + 1;
        if (step != half && step != target) yield return step;
    }

    /// <summary>The elements of an ordered set of choices before <paramref name="value"/>, the first (smallest) first.</summary>
    public static IEnumerable<T> Earlier<T>(T value, IReadOnlyList<T> choices)
    {
        for (int i = 0; i < choices.Count && !EqualityComparer<T>.Default.Equals(choices[i], value); i++)
            yield return choices[i];
    }

    /// <summary><c>true</c> shrinks to <c>false</c>.</summary>
    public static IEnumerable<bool> Bool(bool value) => value ? [false] : [];

    /// <summary>Nothing: for seeds and other values that have no simpler form.</summary>
    public static IEnumerable<T> None<T>(T value) => [];

    /// <summary>Shrinks one component of a pair at a time.</summary>
    public static IEnumerable<(TA, TB)> Each<TA, TB>((TA, TB) v, Func<TA, IEnumerable<TA>> a, Func<TB, IEnumerable<TB>> b) =>
        a(v.Item1).Select(x => (x, v.Item2)).Concat(b(v.Item2).Select(x => (v.Item1, x)));

    /// <summary>Shrinks one component of a triple at a time.</summary>
    public static IEnumerable<(TA, TB, TC)> Each<TA, TB, TC>((TA, TB, TC) v, Func<TA, IEnumerable<TA>> a, Func<TB, IEnumerable<TB>> b,
        Func<TC, IEnumerable<TC>> c) =>
        a(v.Item1).Select(x => (x, v.Item2, v.Item3))
            .Concat(b(v.Item2).Select(x => (v.Item1, x, v.Item3)))
            .Concat(c(v.Item3).Select(x => (v.Item1, v.Item2, x)));

    /// <summary>
    /// An array: first shorter (the first half, then each element left out, never below <paramref name="minLength"/>),
    /// then one element shrunk at a time.
    /// </summary>
    public static IEnumerable<T[]> Array<T>(T[] values, int minLength, Func<T, IEnumerable<T>> element)
    {
        if (values.Length / 2 >= minLength && values.Length / 2 < values.Length - 1) yield return values[..(values.Length / 2)];
        if (values.Length > minLength)
            for (int i = 0; i < values.Length; i++)
                yield return [.. values[..i], .. values[(i + 1)..]];
        for (int i = 0; i < values.Length; i++)
            foreach (var smaller in element(values[i]))
            {
                var copy = (T[])values.Clone();
                copy[i] = smaller;
                yield return copy;
            }
    }

    /// <summary>
    /// Smaller shapes: one dimension left out (while the rank is above <paramref name="minRank"/>), then one dimension
    /// made smaller (to 1, to half, to one less).
    /// </summary>
    public static IEnumerable<int[]> Shape(int[] shape, int minRank = 1)
    {
        if (shape.Length > minRank)
            for (int i = 0; i < shape.Length; i++)
                yield return [.. shape[..i], .. shape[(i + 1)..]];
        for (int i = 0; i < shape.Length; i++)
            foreach (int d in Int(shape[i], 1))
            {
                var smaller = (int[])shape.Clone();
                smaller[i] = d;
                yield return smaller;
            }
    }
}
