using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EvoDsl.Benchmarks;

/// <summary>How many genotype-samples (genotypes × training samples) one operation of the benchmark evaluates.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GenotypeSamplesAttribute(long perOperation) : Attribute
{
    public long PerOperation { get; } = perOperation;
}

/// <summary>The NNE throughput column: genotype-samples per operation divided by the mean time.</summary>
public sealed class GenotypeSamplesColumn : IColumn
{
    public string Id => nameof(GenotypeSamplesColumn);
    public string ColumnName => "Genotype-samples/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Genotype-samples evaluated per second: [GenotypeSamples] per operation / Mean";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => PerOperation(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (PerOperation(benchmarkCase) is not { } samples || meanNanoseconds is not { } mean || mean <= 0)
            return "-";
        double perSecond = samples / (mean / 1e9);
        return perSecond >= 1e6
            ? (perSecond / 1e6).ToString("F2", CultureInfo.InvariantCulture) + "M"
            : (perSecond / 1e3).ToString("F1", CultureInfo.InvariantCulture) + "k";
    }

    private static long? PerOperation(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<GenotypeSamplesAttribute>()?.PerOperation;
}
