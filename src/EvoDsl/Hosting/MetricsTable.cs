using System.Globalization;
using System.Text;

namespace EvoDsl.Hosting;

/// <summary>The rows of <c>metrics.csv</c>: one per evaluation, columns fixed by the first row.</summary>
public sealed class MetricsTable
{
    private readonly List<string> _columns = [];
    private readonly StringBuilder _rows = new();

    public int RowCount { get; private set; }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Every row's values, in column order.</summary>
    public double[][] Values() =>
        _rows.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    public void Add(IReadOnlyList<Metric> row)
    {
        if (RowCount == 0)
            _columns.AddRange(row.Select(m => m.Name));
        else if (row.Count != _columns.Count)
            throw new InvalidOperationException("every evaluation must report the same metrics");
        for (int i = 0; i < row.Count; i++)
        {
            if (i > 0)
                _rows.Append(',');
            _rows.Append(Format(row[i].Value));
        }
        _rows.Append('\n');
        RowCount++;
    }

    /// <summary>The last row's value in <paramref name="column"/>, or null when there is no row or no such column.</summary>
    public double? Last(string column)
    {
        int index = _columns.IndexOf(column);
        if (index < 0 || RowCount == 0)
            return null;
        string rows = _rows.ToString();
        string last = rows.TrimEnd('\n').Split('\n')[^1];
        return double.Parse(last.Split(',')[index], CultureInfo.InvariantCulture);
    }

    public string ToCsv() => string.Join(',', _columns) + "\n" + _rows;

    /// <summary>The table as <see cref="ToCsv"/> wrote it, to continue a resumed run.</summary>
    public static MetricsTable FromCsv(string csv)
    {
        var table = new MetricsTable();
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0].Length == 0)
            return table;
        table._columns.AddRange(lines[0].Split(','));
        foreach (string line in lines.Skip(1))
        {
            table._rows.Append(line).Append('\n');
            table.RowCount++;
        }
        return table;
    }

    /// <summary>The rows of a numeric CSV written by this table (or alleles.csv), each as column → value.</summary>
    public static List<Dictionary<string, double>> ReadRows(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0)
            return [];
        string[] header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select((v, i) => (header[i], double.Parse(v, CultureInfo.InvariantCulture))).ToDictionary(p => p.Item1, p => p.Item2))
            .ToList();
    }

    public static string Format(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("G6", CultureInfo.InvariantCulture);
}
