using System.Globalization;
using System.Text;
using EvoDsl.Hosting;
using ScottPlot;

namespace EvoDsl.Hosting;

/// <summary>The CSV tables and PNG plots that runs, phenomena and the results page write, each written atomically.</summary>
public static class ResultFiles
{
    private const int PlotWidth = 900;
    private const int PlotHeight = 560;

    /// <summary>A CSV with a header row; numbers in the invariant culture, round-trippable.</summary>
    public static void WriteCsv(string directory, string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<double>> rows)
    {
        Directory.CreateDirectory(directory);
        var csv = new StringBuilder().AppendJoin(',', header).Append('\n');
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Count; i++)
            {
                if (i > 0)
                    csv.Append(',');
                csv.Append(row[i].ToString("R", CultureInfo.InvariantCulture));
            }
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(directory, name), csv.ToString());
    }

    /// <summary>One curve of a plot: lines, markers or both.</summary>
    public sealed record Series(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Line = true, bool Markers = false);

    /// <summary>Lines y(x) sharing one x, one per series, with a legend.</summary>
    public static void WriteLinePlot(string directory, string name, string title, string xLabel, string yLabel,
        IReadOnlyList<double> x, IReadOnlyList<(string Label, IReadOnlyList<double> Y)> series, double? yMin = null, double? yMax = null) =>
        WritePlot(directory, name, title, xLabel, yLabel, series.Select(s => new Series(s.Label, x, s.Y)).ToArray(), yMin, yMax);

    /// <summary>Curves with their own x, with a legend.</summary>
    public static void WritePlot(string directory, string name, string title, string xLabel, string yLabel,
        IReadOnlyList<Series> series, double? yMin = null, double? yMax = null, Alignment legend = Alignment.LowerRight)
    {
        var plot = new Plot();
        AddSeries(plot, series);
        Finish(plot, directory, name, title, xLabel, yLabel, yMin, yMax, legend);
    }

    /// <summary>Panels stacked one above the other, sharing an x label; a panel of one curve has no legend.</summary>
    public static void WritePanels(string directory, string name, string xLabel, IReadOnlyList<(string Title, IReadOnlyList<Series> Series)> panels)
    {
        var figure = new Multiplot(); // starts with one plot: the first panel
        for (int p = 0; p < panels.Count; p++)
        {
            Plot plot = p == 0 ? figure.GetPlot(0) : figure.AddPlot();
            AddSeries(plot, panels[p].Series);
            plot.Title(panels[p].Title);
            plot.XLabel(xLabel);
            if (panels[p].Series.Count > 1)
                plot.ShowLegend(Alignment.UpperLeft);
            else
                plot.HideLegend();
        }
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, name), figure.Render(PlotWidth, PanelHeight * panels.Count).GetImageBytes(ImageFormat.Png));
    }

    private const int PanelHeight = 260;

    private static void AddSeries(Plot plot, IReadOnlyList<Series> series)
    {
        foreach (var s in series)
        {
            var curve = plot.Add.Scatter(s.X.ToArray(), s.Y.ToArray());
            curve.LegendText = s.Label;
            curve.MarkerSize = s.Markers ? 8 : 0;
            curve.LineWidth = s.Line ? 2 : 0;
        }
    }

    /// <summary>Overlaid histograms of several samples over common bins.</summary>
    public static void WriteHistogram(string directory, string name, string title, string xLabel,
        IReadOnlyList<(string Label, IReadOnlyList<double> Values)> samples, int bins)
    {
        var all = samples.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        double low = all.Length > 0 ? all.Min() : 0, high = all.Length > 0 ? all.Max() : 1;
        if (high <= low)
            high = low + 1;
        double width = (high - low) / bins;
        var plot = new Plot();
        for (int s = 0; s < samples.Count; s++)
        {
            var (label, values) = samples[s];
            var color = plot.Add.Palette.GetColor(s).WithAlpha(0.5);
            var counts = new double[bins];
            foreach (double v in values)
                if (double.IsFinite(v))
                    counts[Math.Clamp((int)((v - low) / width), 0, bins - 1)]++;
            var centers = Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * width).ToArray();
            var bars = plot.Add.Bars(centers, counts);
            bars.LegendText = label;
            bars.Color = color;
            foreach (var bar in bars.Bars)
            {
                bar.Size = width;
                bar.LineWidth = 0;
            }
        }
        Finish(plot, directory, name, title, xLabel, "count", 0, null, Alignment.UpperLeft);
    }

    private static void Finish(Plot plot, string directory, string name, string title, string xLabel, string yLabel, double? yMin, double? yMax,
        Alignment legend = Alignment.LowerRight)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        plot.Axes.AutoScale();
        if (yMin is not null || yMax is not null)
        {
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsY(yMin ?? limits.Bottom, yMax ?? limits.Top);
        }
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, name), plot.GetImageBytes(PlotWidth, PlotHeight, ImageFormat.Png));
    }
}
