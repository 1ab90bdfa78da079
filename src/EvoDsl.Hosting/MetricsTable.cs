using System.Globalization;
using System.Text;

namespace EvoDsl.Hosting;

/// <summary>The rows of <c>metrics.csv</c>: one per evaluation, columns fixed by the first row.</summary>
public sealed class MetricsTable
{
    private readonly List<string> _columns = [];
    private readonly List<double[]> _rows = [];

    public int RowCount => _rows.Count;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Every row's values, in column order.</summary>
    public IReadOnlyList<double[]> Rows => _rows;

    public void Add(IReadOnlyList<Metric> row)
    {
        if (RowCount == 0)
            _columns.AddRange(row.Select(m => m.Name));
        else if (row.Count != _columns.Count)
            throw new InvalidOperationException("every evaluation must report the same metrics");
        _rows.Add(row.Select(m => m.Value).ToArray());
    }

    /// <summary>The last row's value in <paramref name="column"/>, or null when there is no row or no such column.</summary>
    public double? Last(string column)
    {
        int index = _columns.IndexOf(column);
        return index < 0 || RowCount == 0 ? null : _rows[^1][index];
    }

    /// <summary>The last row as metrics, or null when there is none.</summary>
    public IReadOnlyList<Metric>? LastRow() =>
        RowCount == 0 ? null : _columns.Select((name, i) => new Metric(name, _rows[^1][i])).ToArray();

    public string ToCsv()
    {
        var csv = new StringBuilder().AppendJoin(',', _columns).Append('\n');
        foreach (double[] row in _rows)
            csv.AppendJoin(',', row.Select(Format)).Append('\n');
        return csv.ToString();
    }

    /// <summary>The table as <see cref="ToCsv"/> wrote it (or any numeric CSV with a header row), to continue a resumed run or read results.</summary>
    public static MetricsTable FromCsv(string csv)
    {
        var table = new MetricsTable();
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].Length == 0)
            return table;
        table._columns.AddRange(lines[0].Split(','));
        foreach (string line in lines.Skip(1))
            table._rows.Add(line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        return table;
    }

    /// <summary>The rows of a numeric CSV written by this table (or alleles.csv), each as column → value.</summary>
    public static List<Dictionary<string, double>> ReadRows(string path)
    {
        MetricsTable table = FromCsv(File.ReadAllText(path));
        return table._rows.Select(row => table._columns.Select((name, i) => (name, row[i])).ToDictionary(p => p.name, p => p.Item2)).ToList();
    }

    public static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("G6", CultureInfo.InvariantCulture);
}
