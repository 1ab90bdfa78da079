using EvoDsl.Wann;
using ScottPlot;

namespace EvoDsl.Hosting;

/// <summary>
/// A PNG of a WANN champion: the inputs as their image grid (a column when they are not a square image), the hidden
/// nodes in columns by their layer (<see cref="WannChampion.Layers"/>), coloured and named by activation, the outputs
/// labelled with their classes, and the enabled connections as lines.
/// </summary>
public static class WannChampionPicture
{
    private const int Width = 1600, Height = 900; // wide: the image grid, the layers and the legend side by side

    // The data area's share of the image without axes (the title above, the legend on the right), measured on a 1600 × 900 picture.
    private const double AreaWidth = 0.84 * Width, AreaHeight = 0.92 * Height;
    private const double Bottom = -0.1, Top = 1.05, GridLow = 0.1, GridHigh = 0.9;

    public static void Write(string directory, string name, string title, WannChampion champion)
    {
        IReadOnlyDictionary<int, int> layers = champion.Layers();
        int outputLayer = champion.Classes.Count == 0 ? 1 : layers[champion.OutputId(0)];
        // The grid is as wide as tall on the image: its width g in data units solves g · AreaWidth / (g + right) = its height in pixels.
        double right = outputLayer + 0.7, gridPixels = (GridHigh - GridLow) / (Top - Bottom) * AreaHeight;
        double gridWidth = gridPixels * right / (AreaWidth - gridPixels);
        Dictionary<int, (double X, double Y)> at = Positions(champion, layers, outputLayer, gridWidth);
        var plot = new Plot();

        // Lines first: the input grid's cells, drawn after, hide the stretch of a line that crosses the image.
        foreach (WannChampion.Connection c in champion.EnabledConnections.Where(c => at.ContainsKey(c.Source) && at.ContainsKey(c.Destination)))
        {
            var line = plot.Add.Line(at[c.Source].X, at[c.Source].Y, at[c.Destination].X, at[c.Destination].Y);
            line.LineWidth = 1;
            line.Color = Colors.SlateGray.WithAlpha(0.35);
        }

        var fed = champion.EnabledConnections.Select(c => c.Source).ToHashSet();
        int[] inputs = [.. Enumerable.Range(1, champion.Inputs).Where(at.ContainsKey)];
        int side = GridSide(champion.Inputs);
        float cell = side > 0 ? (float)(0.85 * gridPixels / side) : 8;
        Marks(plot, [.. inputs.Where(i => !fed.Contains(i))], at, MarkerShape.FilledSquare, cell, Colors.LightGray, legend: null);
        Marks(plot, [.. inputs.Where(fed.Contains)], at, MarkerShape.FilledSquare, cell, Colors.Black, legend: "input with a connection");
        Marks(plot, [WannChampion.Bias], at, MarkerShape.FilledCircle, 10, Colors.Black, legend: null);
        Label(plot, "bias", at[WannChampion.Bias], Alignment.MiddleRight, -8);

        foreach (var kind in champion.Hidden.GroupBy(n => n.Activation).OrderBy(g => g.Key))
            Marks(plot, [.. kind.Select(n => n.Id)], at, MarkerShape.FilledCircle, 12, plot.Add.Palette.GetColor((int)kind.Key), legend: $"{kind.Key}");
        foreach (WannChampion.Node node in champion.Hidden)
            Label(plot, $"{node.Activation}", at[node.Id], Alignment.MiddleLeft, 8);

        int[] outputs = [.. Enumerable.Range(0, champion.Classes.Count).Select(champion.OutputId)];
        Marks(plot, outputs, at, MarkerShape.FilledCircle, 14, Colors.DarkRed, legend: "output (linear, then softmax)");
        for (int k = 0; k < outputs.Length; k++)
            Label(plot, $"{champion.Classes[k]}", at[outputs[k]], Alignment.MiddleLeft, 12, size: 16);

        plot.HideAxesAndGrid();
        plot.Title(title);
        plot.Axes.Title.IsVisible = true;
        plot.ShowLegend(Edge.Right);
        plot.Axes.SetLimits(-gridWidth - 0.35, outputLayer + 0.4, Bottom, Top);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, name), plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    /// <summary>
    /// Where each node is drawn: the inputs in x ∈ [−<paramref name="gridWidth"/> − 0.3, −0.3], y ∈ [GridLow, GridHigh],
    /// hidden layer L at x = L, the outputs at x = the output layer; y in [0, 1].
    /// </summary>
    private static Dictionary<int, (double X, double Y)> Positions(WannChampion champion, IReadOnlyDictionary<int, int> layers, int outputLayer,
        double gridWidth)
    {
        double left = -gridWidth - 0.3;
        var at = new Dictionary<int, (double X, double Y)> { [WannChampion.Bias] = (left + gridWidth / 2, 0) };
        int side = GridSide(champion.Inputs);
        if (side > 0)
        {
            for (int p = 0; p < champion.Inputs; p++) // row-major pixels, row 0 at the top
                at[1 + p] = (left + gridWidth * (p % side + 0.5) / side, GridHigh - (GridHigh - GridLow) * (p / side + 0.5) / side);
        }
        else
        {
            int[] used = [.. champion.EnabledConnections.Select(c => c.Source).Where(champion.IsInput).Distinct().Order()];
            for (int i = 0; i < used.Length; i++)
                at[used[i]] = (left + gridWidth / 2, GridLow + (GridHigh - GridLow) * Spread(i, used.Length));
        }
        // Within a layer, nodes sit in the order of their sources' mean height, which uncrosses most lines.
        var sources = champion.EnabledConnections.ToLookup(c => c.Destination, c => c.Source);
        foreach (var layer in champion.Hidden.GroupBy(n => layers[n.Id]).OrderBy(g => g.Key))
        {
            var ordered = layer.Select(n => (n.Id, Height: MeanHeight(sources[n.Id], at))).OrderByDescending(n => n.Height).ThenBy(n => n.Id).ToArray();
            for (int i = 0; i < ordered.Length; i++)
                at[ordered[i].Id] = (layer.Key, Spread(ordered.Length - 1 - i, ordered.Length));
        }
        for (int k = 0; k < champion.Classes.Count; k++) // class 0 at the top
            at[champion.OutputId(k)] = (outputLayer, Spread(champion.Classes.Count - 1 - k, champion.Classes.Count));
        return at;
    }

    private static double MeanHeight(IEnumerable<int> sources, Dictionary<int, (double X, double Y)> at)
    {
        double[] y = [.. sources.Where(at.ContainsKey).Select(s => at[s].Y)];
        return y.Length == 0 ? 0.5 : y.Average();
    }

    /// <summary>The i-th of n evenly spaced heights in [0, 1], centred for one.</summary>
    private static double Spread(int i, int n) => n == 1 ? 0.5 : 0.02 + 0.96 * i / (n - 1);

    /// <summary>The side of the square image the inputs are, or 0 when they are not one.</summary>
    private static int GridSide(int inputs)
    {
        int side = (int)Math.Round(Math.Sqrt(inputs));
        return side > 1 && side * side == inputs ? side : 0;
    }

    private static void Marks(Plot plot, int[] ids, Dictionary<int, (double X, double Y)> at, MarkerShape shape, float size, Color color, string? legend)
    {
        if (ids.Length == 0)
            return;
        var marks = plot.Add.Markers(ids.Select(id => at[id].X).ToArray(), ids.Select(id => at[id].Y).ToArray(), shape, size, color);
        if (legend is not null)
            marks.LegendText = legend;
    }

    private static void Label(Plot plot, string text, (double X, double Y) at, Alignment alignment, float offsetX, float offsetY = 0, float size = 10)
    {
        var label = plot.Add.Text(text, at.X, at.Y);
        label.LabelFontSize = size;
        label.LabelAlignment = alignment;
        label.OffsetX = offsetX;
        label.OffsetY = offsetY;
    }
}
