using System.Text.RegularExpressions;

namespace EvoDsl.Hosting;

/// <summary>
/// <c>metrics.png</c>: every metric of a run against its steps, one panel per kind of metric (the
/// accuracies together, the losses together, a per-level metric with one curve per level).
/// </summary>
internal static partial class MetricsPlot
{
    public const string FileName = "metrics.png";

    public static void Write(string directory, ExperimentDescriptor experiment, MetricsTable metrics)
    {
        IReadOnlyList<string> columns = metrics.Columns;
        if (metrics.RowCount == 0 || columns.Count == 0 || columns[0] != experiment.Run.StepNoun)
            return;
        double[] steps = metrics.Rows.Select(row => row[0]).ToArray();
        var panels = new List<(string Title, List<ResultFiles.Series> Series)>();
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
            panels[index].Series.Add(new(columns[c], steps, metrics.Rows.Select(row => row[c]).ToArray(), Markers: steps.Length <= 60));
        }
        if (panels.Count == 0)
            return;
        panels[0] = ($"{experiment.Name}: {panels[0].Title}", panels[0].Series);
        ResultFiles.WritePanels(directory, FileName, experiment.Run.StepNoun, [.. panels.Select(p => (p.Title, (IReadOnlyList<ResultFiles.Series>)p.Series))]);
    }

    /// <summary>The panel a metric goes on: "accuracy", "loss", or its name with the level taken out ("input_bits").</summary>
    private static string PanelOf(string column) =>
        column.Contains("accuracy", StringComparison.Ordinal) ? "accuracy"
        : column.Contains("loss", StringComparison.Ordinal) ? "loss"
        : Level().Replace(column, "");

    [GeneratedRegex(@"level\d+_")]
    private static partial Regex Level();
}
