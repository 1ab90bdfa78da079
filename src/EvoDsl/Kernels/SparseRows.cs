namespace EvoDsl.Kernels;

/// <summary>
/// Samples stored as compressed sparse rows: MNIST is ~80% zeros, so evaluation visits only the
/// nonzero pixels of each fixed training image.
/// </summary>
public sealed class SparseRows
{
    private SparseRows(int[] rowStart, int[] column, float[] value, int columns)
    {
        RowStart = rowStart;
        Column = column;
        Value = value;
        Columns = columns;
    }

    public int Rows => RowStart.Length - 1;
    public int Columns { get; }
    public int[] RowStart { get; }
    public int[] Column { get; }
    public float[] Value { get; }

    public ReadOnlySpan<int> ColumnsOf(int row) => Column.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);
    public ReadOnlySpan<float> ValuesOf(int row) => Value.AsSpan(RowStart[row], RowStart[row + 1] - RowStart[row]);

    public static SparseRows FromDense(ReadOnlySpan<float> dense, int rows, int columns)
    {
        if (dense.Length != rows * columns)
            throw new ArgumentException($"expected {rows}×{columns} values, got {dense.Length}", nameof(dense));
        int nonzero = 0;
        foreach (float v in dense)
            if (v != 0f)
                nonzero++;
        var rowStart = new int[rows + 1];
        var column = new int[nonzero];
        var value = new float[nonzero];
        int next = 0;
        for (int r = 0; r < rows; r++)
        {
            rowStart[r] = next;
            ReadOnlySpan<float> row = dense.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                if (row[c] != 0f)
                {
                    column[next] = c;
                    value[next] = row[c];
                    next++;
                }
            }
        }
        rowStart[rows] = next;
        return new SparseRows(rowStart, column, value, columns);
    }
}
