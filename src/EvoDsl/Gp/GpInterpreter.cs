using System.Numerics;
using System.Numerics.Tensors;

namespace EvoDsl.Gp;

/// <summary>
/// Runs a program tree over a whole batch at once: the prefix array read backwards is a postfix program, and each
/// function node is one tensor primitive over the batch's values. A pixel is the batch's row of that pixel (read in
/// place, not copied), a constant stays a scalar (two constants fold), and a function's result goes into the stack
/// slot it occupies. One interpreter per worker; it allocates nothing.
/// </summary>
public sealed class GpInterpreter
{
    private enum Kind : byte { Row, Slot, Scalar }

    private readonly int _width;
    private readonly float[] _slots;
    private readonly Kind[] _kinds;
    private readonly int[] _rows;
    private readonly float[] _scalars;

    /// <param name="maxSize">The longest tree it will run (its stack never holds more entries than the tree has nodes).</param>
    /// <param name="width">The most samples run at once.</param>
    public GpInterpreter(int maxSize, int width)
    {
        _width = width;
        _slots = new float[maxSize * width];
        _kinds = new Kind[maxSize];
        _rows = new int[maxSize];
        _scalars = new float[maxSize];
    }

    /// <summary>The most samples <see cref="Run"/> takes at once.</summary>
    public int Width => _width;

    /// <summary>
    /// <paramref name="output"/>[i] = the tree's value on sample i, for the <paramref name="output"/>.Length samples whose
    /// pixel p is at <paramref name="rows"/>[p · <paramref name="stride"/> + i].
    /// </summary>
    public void Run(ReadOnlySpan<int> tree, ReadOnlySpan<float> rows, int stride, Span<float> output)
    {
        int count = output.Length;
        if (count > _width)
            throw new ArgumentException($"the interpreter runs at most {_width} samples at once, not {count}", nameof(output));
        if (tree.Length > _kinds.Length)
            throw new ArgumentException($"the interpreter runs trees of at most {_kinds.Length} nodes, not {tree.Length}", nameof(tree));
        int top = -1;
        for (int i = tree.Length - 1; i >= 0; i--)
        {
            int node = tree[i];
            if (top + 1 < GpPrimitives.Arity(node))
                throw new ArgumentException("the array is not one whole tree: a function lacks arguments", nameof(tree));
            if (GpPrimitives.IsPixel(node))
            {
                _kinds[++top] = Kind.Row;
                _rows[top] = node;
            }
            else if (GpPrimitives.IsConstant(node))
            {
                _kinds[++top] = Kind.Scalar;
                _scalars[top] = GpPrimitives.ValueOf(node);
            }
            else if (node == GpPrimitives.IfGreater)
            {
                top -= 3; // a, b, c, d at top + 3, top + 2, top + 1, top: the first argument is the last pushed
                IfGreater(Values(top + 3, rows, stride, count), Values(top + 2, rows, stride, count),
                    Values(top + 1, rows, stride, count), Values(top, rows, stride, count), Slot(top, count));
                _kinds[top] = Kind.Slot;
            }
            else
            {
                top--; // x at top + 1, y at top
                Binary(node, top, rows, stride, count);
            }
        }
        if (top != 0)
            throw new ArgumentException("the array is not one whole tree", nameof(tree));
        if (_kinds[0] == Kind.Scalar)
            output.Fill(_scalars[0]);
        else
            Values(0, rows, stride, count).CopyTo(output);
    }

    /// <summary>x ∘ y for x at <paramref name="at"/> + 1 and y at <paramref name="at"/>, into entry <paramref name="at"/>.</summary>
    private void Binary(int function, int at, ReadOnlySpan<float> rows, int stride, int count)
    {
        Kind xKind = _kinds[at + 1], yKind = _kinds[at];
        if (xKind == Kind.Scalar && yKind == Kind.Scalar)
        {
            _scalars[at] = GpPrimitives.Apply(function, _scalars[at + 1], _scalars[at]);
            return;
        }
        Span<float> result = Slot(at, count);
        if (yKind == Kind.Scalar)
            WithScalarRight(function, Values(at + 1, rows, stride, count), _scalars[at], result);
        else if (xKind == Kind.Scalar)
            WithScalarLeft(function, _scalars[at + 1], Values(at, rows, stride, count), result);
        else
            Both(function, Values(at + 1, rows, stride, count), Values(at, rows, stride, count), result);
        _kinds[at] = Kind.Slot;
    }

    private static void Both(int function, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
    {
        switch (function)
        {
            case GpPrimitives.Add: TensorPrimitives.Add(x, y, result); break;
            case GpPrimitives.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case GpPrimitives.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            case GpPrimitives.Divide: ProtectedDivide(x, y, result); break;
            case GpPrimitives.Max: TensorPrimitives.Max(x, y, result); break;
            case GpPrimitives.Min: TensorPrimitives.Min(x, y, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(function), function, "not a binary GP function");
        }
    }

    private static void WithScalarRight(int function, ReadOnlySpan<float> x, float y, Span<float> result)
    {
        switch (function)
        {
            case GpPrimitives.Add: TensorPrimitives.Add(x, y, result); break;
            case GpPrimitives.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case GpPrimitives.Multiply: TensorPrimitives.Multiply(x, y, result); break;
            case GpPrimitives.Divide:
                if (y == 0f)
                    result.Fill(1f);
                else
                    TensorPrimitives.Divide(x, y, result);
                break;
            case GpPrimitives.Max: TensorPrimitives.Max(x, y, result); break;
            case GpPrimitives.Min: TensorPrimitives.Min(x, y, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(function), function, "not a binary GP function");
        }
    }

    private static void WithScalarLeft(int function, float x, ReadOnlySpan<float> y, Span<float> result)
    {
        switch (function)
        {
            case GpPrimitives.Add: TensorPrimitives.Add(y, x, result); break;
            case GpPrimitives.Subtract: TensorPrimitives.Subtract(x, y, result); break;
            case GpPrimitives.Multiply: TensorPrimitives.Multiply(y, x, result); break;
            case GpPrimitives.Divide:
                for (int i = 0; i < result.Length; i++)
                    result[i] = GpPrimitives.ProtectedDivide(x, y[i]);
                break;
            case GpPrimitives.Max: TensorPrimitives.Max(y, x, result); break;
            case GpPrimitives.Min: TensorPrimitives.Min(y, x, result); break;
            default: throw new ArgumentOutOfRangeException(nameof(function), function, "not a binary GP function");
        }
    }

    /// <summary>x / y, and 1 where y is 0, a vector at a time.</summary>
    internal static void ProtectedDivide(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> result)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= result.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var divisor = new Vector<float>(y[i..]);
                Vector.ConditionalSelect(Vector.Equals(divisor, Vector<float>.Zero), Vector<float>.One, new Vector<float>(x[i..]) / divisor)
                    .CopyTo(result[i..]);
            }
        for (; i < result.Length; i++)
            result[i] = GpPrimitives.ProtectedDivide(x[i], y[i]);
    }

    /// <summary>c where a &gt; b, else d, a vector at a time.</summary>
    internal static void IfGreater(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d, Span<float> result)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= result.Length - Vector<float>.Count; i += Vector<float>.Count)
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(a[i..]), new Vector<float>(b[i..])), new Vector<float>(c[i..]), new Vector<float>(d[i..]))
                    .CopyTo(result[i..]);
        for (; i < result.Length; i++)
            result[i] = GpPrimitives.IfGreaterThan(a[i], b[i], c[i], d[i]);
    }

    /// <summary>Entry <paramref name="at"/>'s values over the samples: its pixel's row, its slot, or (a scalar) its slot filled with it.</summary>
    private ReadOnlySpan<float> Values(int at, ReadOnlySpan<float> rows, int stride, int count) => _kinds[at] switch
    {
        Kind.Row => rows.Slice(_rows[at] * stride, count),
        Kind.Slot => Slot(at, count),
        _ => Filled(at, count),
    };

    private Span<float> Filled(int at, int count)
    {
        Span<float> slot = Slot(at, count);
        slot.Fill(_scalars[at]);
        return slot;
    }

    private Span<float> Slot(int at, int count) => _slots.AsSpan(at * _width, count);
}
