using System.Text.RegularExpressions;
using ScottPlot;

namespace EvoDsl.Hosting;

/// <summary>
/// <c>metrics.png</c>: every metric of a run against its steps, one panel per kind of metric (the
/// accuracies together, the losses together, a per-level metric with one curve per level).
/// </summary>
internal static partial class MetricsPlot
{
    public const string FileName = "metrics.png";
    private const int Width = 900;
    private const int PanelHeight = 260;

    public static void Write(string directory, ExperimentDescriptor experiment, MetricsTable metrics)
    {
        IReadOnlyList<string> columns = metrics.Columns;
        if (metrics.RowCount == 0 || columns.Count == 0 || columns[0] != experiment.Run.StepNoun)
            return;
        double[][] table = metrics.Values();
        double[] steps = table.Select(row => row[0]).ToArray();
        var panels = new List<(string Title, List<(string Label, double[] Y)> Curves)>();
        for (int c = 1; c < columns.Count; c++)
        {
            if (columns[c] == ExperimentRunner.SecondsColumn)
                continue;
            string panel = PanelOf(columns[c]);
            int index = panels.FindIndex(p => p.Title == panel);
            if (index < 0)
            {
                panels.Add((panel, []));
                index = panels.Count - 1;
            }
            panels[index].Curves.Add((columns[c], table.Select(row => row[c]).ToArray()));
        }
        if (panels.Count == 0)
            return;

        var figure = new Multiplot(); // starts with one plot: the first panel
        for (int p = 0; p < panels.Count; p++)
        {
            (string title, var curves) = panels[p];
            Plot plot = p == 0 ? figure.GetPlot(0) : figure.AddPlot();
            foreach ((string label, double[] y) in curves)
            {
                var line = plot.Add.Scatter(steps, y);
                line.LegendText = label;
                line.MarkerSize = steps.Length > 60 ? 0 : 4;
            }
            plot.Title(p == 0 ? $"{experiment.Name}: {title}" : title);
            plot.XLabel(experiment.Run.StepNoun);
            if (curves.Count > 1)
                plot.ShowLegend(Alignment.UpperLeft);
            else
                plot.HideLegend();
        }
        byte[] png = figure.Render(Width, PanelHeight * panels.Count).GetImageBytes(ImageFormat.Png);
        AtomicFile.WriteAllBytes(Path.Combine(directory, FileName), png);
    }

    /// <summary>The panel a metric goes on: "accuracy", "loss", or its name with the level taken out ("input_bits").</summary>
    private static string PanelOf(string column) =>
        column.Contains("accuracy", StringComparison.Ordinal) ? "accuracy"
        : column.Contains("loss", StringComparison.Ordinal) ? "loss"
        : Level().Replace(column, "");

    [GeneratedRegex(@"level\d+_")]
    private static partial Regex Level();
}
