using System.Globalization;
using System.Text;

namespace EvoDsl.Gp;

/// <summary>
/// A population's programs in one array: individual i's tree for class k occupies MaxSize entries from
/// (i · Classes + k) · MaxSize, of which its length is used. Copies and variations write in place.
/// </summary>
public sealed class GpPopulation(int individuals, int classes, int maxSize)
{
    private readonly int[] _nodes = new int[individuals * classes * maxSize];
    private readonly int[] _lengths = new int[individuals * classes];

    public int Individuals => individuals;

    public int Classes => classes;

    /// <summary>Individual <paramref name="i"/>'s tree for class <paramref name="k"/>.</summary>
    public ReadOnlySpan<int> Tree(int i, int k) => _nodes.AsSpan((i * classes + k) * maxSize, _lengths[i * classes + k]);

    /// <summary>The whole space of that tree, to write a new one into (then <see cref="SetLength"/>).</summary>
    public Span<int> Space(int i, int k) => _nodes.AsSpan((i * classes + k) * maxSize, maxSize);

    public void SetLength(int i, int k, int length) => _lengths[i * classes + k] = length;

    /// <summary>Individual <paramref name="i"/> = individual <paramref name="j"/> of <paramref name="source"/>.</summary>
    public void CopyFrom(int i, GpPopulation source, int j)
    {
        source._nodes.AsSpan(j * classes * maxSize, classes * maxSize).CopyTo(_nodes.AsSpan(i * classes * maxSize));
        source._lengths.AsSpan(j * classes, classes).CopyTo(_lengths.AsSpan(i * classes));
    }

    /// <summary>Nodes over the individual's trees.</summary>
    public int Size(int i)
    {
        int size = 0;
        for (int k = 0; k < classes; k++)
            size += _lengths[i * classes + k];
        return size;
    }

    /// <summary>The depth of the individual's deepest tree.</summary>
    public int Depth(int i)
    {
        int depth = 0;
        for (int k = 0; k < classes; k++)
            depth = Math.Max(depth, GpTrees.Depth(Tree(i, k)));
        return depth;
    }

    /// <summary>Every tree in prefix tokens, a line each: "individual class: tokens" (benchmarks/reference/gp_numpy.py reads it).</summary>
    public string Format()
    {
        var text = new StringBuilder();
        for (int i = 0; i < individuals; i++)
            for (int k = 0; k < classes; k++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{i} {k}:");
                foreach (int node in Tree(i, k))
                    text.Append(' ').Append(GpPrimitives.Token(node));
                text.Append('\n');
            }
        return text.ToString();
    }

    public void Write(BinaryWriter writer)
    {
        for (int t = 0; t < _lengths.Length; t++)
        {
            writer.Write(_lengths[t]);
            foreach (int node in _nodes.AsSpan(t * maxSize, _lengths[t]))
                writer.Write(node);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote, refusing a tree that is too long, not whole, or names a pixel past <paramref name="pixels"/>.</summary>
    public void Read(BinaryReader reader, int pixels)
    {
        for (int t = 0; t < _lengths.Length; t++)
        {
            int length = reader.ReadInt32();
            if (length < 1 || length > maxSize)
                throw new EvoDslException($"a GP tree in the checkpoint has {length} nodes; this declaration allows 1 to {maxSize}");
            Span<int> tree = _nodes.AsSpan(t * maxSize, length);
            for (int n = 0; n < length; n++)
            {
                int node = reader.ReadInt32();
                if (!GpPrimitives.IsNode(node, pixels))
                    throw new EvoDslException($"a GP tree in the checkpoint holds node {node}, which is not a primitive of this declaration");
                tree[n] = node;
            }
            if (!GpTrees.IsWhole(tree))
                throw new EvoDslException("a GP tree in the checkpoint is not one whole tree");
            _lengths[t] = length;
        }
    }
}
