using System.Globalization;

namespace MiniGrad.Optim.LrScheduler;

/// <summary>The checks shared by the schedulers' <c>LoadStateDict</c>; each throws <see cref="ArgumentException"/>.</summary>
internal static class SchedulerState
{
    public static void CheckClass(string name, SchedulerStateDict stateDict)
    {
        if (stateDict.Scheduler != name)
            throw Error(name, $"the state was saved by {stateDict.Scheduler}, not {name}");
    }

    public static void CheckNames(string name, IReadOnlyDictionary<string, double> values, IReadOnlyCollection<string> required,
        IEnumerable<(string Name, double Value)> hyperparameters)
    {
        var hyper = hyperparameters.ToList();
        foreach (string key in required.Concat(hyper.Select(h => h.Name)))
            if (!values.ContainsKey(key)) throw Error(name, $"the number '{key}' is missing");
        foreach (string key in values.Keys)
            if (!required.Contains(key) && !hyper.Any(h => h.Name == key))
                throw Error(name, $"unknown number '{key}'");
        foreach (var (key, mine) in hyper)
            if (!mine.Equals(values[key]))
                throw Error(name, $"the state was saved with {key} = {Format(values[key])}, this scheduler has {Format(mine)}");
    }

    public static void CheckWhole(string name, string key, double value, int min)
    {
        if (!(value >= min && value <= int.MaxValue && Math.Floor(value) == value))
            throw Error(name, $"'{key}' is {Format(value)}; it must be a whole number >= {min}");
    }

    public static void CheckRate(string name, string key, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw Error(name, $"'{key}' is {Format(value)}; it must be finite and >= 0");
    }

    public static ArgumentException Error(string name, string problem) =>
        new($"{name}.LoadStateDict: {problem}; nothing was changed.", "stateDict");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
