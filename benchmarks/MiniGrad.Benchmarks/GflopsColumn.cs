using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MiniGrad.Benchmarks;

/// <summary>Marks a benchmark method with the floating-point operations one invocation performs.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FlopsAttribute(double flops) : Attribute
{
    public double Flops { get; } = flops;
}

/// <summary>
/// A GFLOP/s column: operations per invocation (from a <c>Shape</c> parameter "m×k×n op", or from
/// <see cref="FlopsAttribute"/>) over the mean time of one invocation.
/// </summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Floating-point operations per second (an FMA counts 2), in billions";

    public static double? FlopsOf(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttributes(typeof(FlopsAttribute), false) is [FlopsAttribute f])
            return f.Flops;
        foreach (var p in benchmarkCase.Parameters.Items)
            if (p.Name == "Shape" && p.Value is string shape) return GemmShapes.Flops(shape);
        return null;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (FlopsOf(benchmarkCase) is not { } flops || report?.ResultStatistics is not { } stats) return "-";
        return (flops / stats.Mean).ToString("F1", CultureInfo.InvariantCulture); // flops per ns = GFLOP/s
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}

/// <summary>Config for the GEMM and FMA benchmarks: the default columns plus GFLOP/s.</summary>
public sealed class GflopsConfig : ManualConfig
{
    public GflopsConfig() => AddColumn(new GflopsColumn());
}
