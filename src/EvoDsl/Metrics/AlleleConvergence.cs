using System.Globalization;
using System.Text;

namespace EvoDsl.Metrics;

/// <summary>
/// The paper's Fig. 2 statistic: the fraction of genes whose allele frequency lies within
/// distance x of 0 or 1, i.e. min{p(i), 1 − p(i)} ≤ x, for x in [0, 0.5].
/// </summary>
public static class AlleleConvergence
{
    public static double FractionWithin(ReadOnlySpan<double> alleleFrequencies, double distance)
    {
        int within = 0;
        foreach (double p in alleleFrequencies)
            if (Math.Min(p, 1 - p) <= distance)
                within++;
        return (double)within / alleleFrequencies.Length;
    }

    /// <summary>Points of the curve: x = 0, 0.01, …, 0.5.</summary>
    public const int CurvePoints = 51;

    /// <summary>The x of curve point <paramref name="point"/>.</summary>
    public static double DistanceAt(int point) => point / 100.0;

    /// <summary>The fraction at x = 0, 0.01, …, 0.5.</summary>
    public static double[] Curve(ReadOnlySpan<double> alleleFrequencies)
    {
        var curve = new double[CurvePoints];
        for (int point = 0; point < CurvePoints; point++)
            curve[point] = FractionWithin(alleleFrequencies, DistanceAt(point));
        return curve;
    }

    /// <summary>The curve at x = 0, 0.01, …, 0.5 as CSV (columns distance, fraction).</summary>
    public static string CurveCsv(ReadOnlySpan<double> alleleFrequencies)
    {
        var csv = new StringBuilder("distance,fraction\n");
        double[] curve = Curve(alleleFrequencies);
        for (int point = 0; point < CurvePoints; point++)
            csv.Append(CultureInfo.InvariantCulture, $"{DistanceAt(point):F2},{curve[point]:F6}\n");
        return csv.ToString();
    }

    /// <summary>The file an NNE run writes its <see cref="HistoryCsv"/> to.</summary>
    public const string HistoryFile = "alleles-by-generation.csv";

    /// <summary>
    /// Curves recorded at several generations as CSV (columns generation, distance, fraction): Fig. 2 at any
    /// evaluated generation, whatever order the runs that need it come in.
    /// </summary>
    public static string HistoryCsv(IEnumerable<(int Generation, double[] Curve)> history)
    {
        var csv = new StringBuilder("generation,distance,fraction\n");
        foreach ((int generation, double[] curve) in history)
            for (int point = 0; point < curve.Length; point++)
                csv.Append(CultureInfo.InvariantCulture, $"{generation},{DistanceAt(point):F2},{curve[point]:F6}\n");
        return csv.ToString();
    }
}
