using System.Globalization;
using System.Text;

namespace EvoDsl.Benchmarks.Gate;

/// <summary>One row of the gate's table.</summary>
public sealed record GateRow(string Id, double? Baseline, double? Now, double? Ratio, long? BaselineBytes, long? NowBytes, string Verdict, bool Fails);

/// <summary>The gate's verdict on a run.</summary>
public sealed record GateResult(IReadOnlyList<GateRow> Rows, double Threshold)
{
    public bool Passed => Rows.All(r => !r.Fails);

    /// <summary>A plain-text table: benchmark, baseline, now (both normalized), ratio, allocated, verdict.</summary>
    public string ToTable()
    {
        string[] header = ["benchmark", "baseline", "now", "ratio", "allocated (base → now)", "verdict"];
        List<string[]> cells = [header];
        foreach (GateRow r in Rows)
        {
            cells.Add([
                r.Id,
                Number(r.Baseline),
                Number(r.Now),
                r.Ratio is { } ratio ? ratio.ToString("F2", CultureInfo.InvariantCulture) + "×" : "-",
                $"{Bytes(r.BaselineBytes)} → {Bytes(r.NowBytes)}",
                r.Verdict,
            ]);
        }
        int[] widths = Enumerable.Range(0, header.Length).Select(c => cells.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (string[] row in cells)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        text.AppendLine(Passed
            ? $"PASS: no benchmark is more than {Threshold:P0} slower than its baseline or allocates where it did not."
            : $"FAIL: {Rows.Count(r => r.Fails)} benchmark(s) regressed (threshold {Threshold:P0}, times normalized by the calibration benchmark).");
        return text.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("G4", CultureInfo.InvariantCulture) : "-";

    private static string Bytes(long? value) => value is { } v ? $"{v} B" : "-";
}

/// <summary>
/// Compares a run against the committed baseline: each benchmark's median divided by the calibration
/// median of the same run, against the same ratio in the baseline.
/// </summary>
public static class RegressionGate
{
    public const string CalibrationId = "CalibrationBenchmarks.TensorWorkload";
    public const double DefaultThreshold = 0.25;

    /// <summary>
    /// The smallest object on a 64-bit runtime. BenchmarkDotNet reports bytes per operation averaged over
    /// the measurement, so a step that allocates shows at least this much; less (one CI run showed 5 B on
    /// the NNE generation) is a one-off allocation elsewhere in the process during the measurement, such
    /// as the tiered JIT's. The unit tests count a step's allocations exactly.
    /// </summary>
    public const long SmallestObjectBytes = 24;

    /// <summary>Benchmarks faster than this in the baseline are reported, not gated: tens of microseconds are noisy on a shared 2-core machine.</summary>
    public const double MinimumGatedNanoseconds = 50_000;

    /// <summary>
    /// Whether a benchmark's time is gated: not the generator's (its run time depends on everything the
    /// experiments project declares) and not one faster than <see cref="MinimumGatedNanoseconds"/>.
    /// Allocations are gated for every benchmark.
    /// </summary>
    public static bool IsKey(string id, BaselineEntry reference) =>
        !id.StartsWith("GeneratorBenchmarks.", StringComparison.Ordinal) && reference.MedianNanoseconds >= MinimumGatedNanoseconds;

    public static GateResult Compare(Baseline baseline, IReadOnlyList<Measurement> run, double threshold = DefaultThreshold)
    {
        double calibration = CalibrationOf(run);
        var rows = new List<GateRow>();
        var measured = run.ToDictionary(m => m.Id);
        foreach ((string id, BaselineEntry reference) in baseline.Benchmarks)
        {
            if (!measured.TryGetValue(id, out Measurement? now))
            {
                rows.Add(new GateRow(id, reference.Normalized, null, null, reference.AllocatedBytes, null, "not run", Fails: false));
                continue;
            }
            double normalized = now.MedianNanoseconds / calibration;
            double ratio = normalized / reference.Normalized;
            bool slower = id != CalibrationId && IsKey(id, reference) && ratio > 1 + threshold;
            bool allocates = reference.AllocatedBytes == 0 && now.AllocatedBytes >= SmallestObjectBytes;
            string verdict = (slower, allocates) switch
            {
                (true, true) => "SLOWER, ALLOCATES",
                (true, false) => "SLOWER",
                (false, true) => "ALLOCATES",
                _ when !IsKey(id, reference) => "reported",
                _ => ratio < 1 - threshold ? "faster" : "ok",
            };
            rows.Add(new GateRow(id, reference.Normalized, normalized, ratio, reference.AllocatedBytes, now.AllocatedBytes, verdict, slower || allocates));
        }
        foreach (Measurement extra in run.Where(m => !baseline.Benchmarks.ContainsKey(m.Id)))
            rows.Add(new GateRow(extra.Id, null, extra.MedianNanoseconds / calibration, null, null, extra.AllocatedBytes, "new (not in baseline)", Fails: false));
        return new GateResult(rows, threshold);
    }

    public static Baseline CreateBaseline(IReadOnlyList<Measurement> run, string machine)
    {
        double calibration = CalibrationOf(run);
        var entries = new SortedDictionary<string, BaselineEntry>(StringComparer.Ordinal);
        foreach (Measurement m in run)
            entries[m.Id] = new BaselineEntry(Math.Round(m.MedianNanoseconds, 1), m.MedianNanoseconds / calibration, m.AllocatedBytes);
        return new Baseline(CalibrationId, machine, DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), entries);
    }

    private static double CalibrationOf(IReadOnlyList<Measurement> run) =>
        run.FirstOrDefault(m => m.Id == CalibrationId)?.MedianNanoseconds
        ?? throw new EvoDslException($"the benchmark run has no {CalibrationId} result; include it (--filter '*Calibration*' plus the others) so times can be normalized");
}
