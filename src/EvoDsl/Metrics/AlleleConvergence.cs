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

    /// <summary>The curve at x = 0, 0.01, …, 0.5 as CSV (columns distance, fraction).</summary>
    public static string CurveCsv(ReadOnlySpan<double> alleleFrequencies)
    {
        var csv = new StringBuilder("distance,fraction\n");
        for (int step = 0; step <= 50; step++)
        {
            double x = step / 100.0;
            csv.Append(CultureInfo.InvariantCulture, $"{x:F2},{FractionWithin(alleleFrequencies, x):F6}\n");
        }
        return csv.ToString();
    }
}
