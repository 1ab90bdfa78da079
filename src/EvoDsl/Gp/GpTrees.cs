using System.Text;
using EvoDsl.Kernels;

namespace EvoDsl.Gp;

/// <summary>
/// One program tree in prefix order, in a span: its subtrees, its depth, random trees (grow and full), subtree
/// crossover and subtree mutation. Nothing here allocates; a tree never grows past the span it is written into.
/// </summary>
public static class GpTrees
{
    /// <summary>The chance that grow stops at a terminal below the root (docs/gp.md: with 277 terminals and 7 functions, Koza's uniform choice would stop nearly always).</summary>
    public const double GrowTerminalChance = 0.5;

    /// <summary>The chance that a terminal is a constant rather than a pixel.</summary>
    public const double ConstantChance = 0.1;

    /// <summary>The chance that a crossover or mutation point is a function node when the tree has one (Koza: 0.9).</summary>
    public const double FunctionPointChance = 0.9;

    /// <summary>The deepest subtree a mutation grows.</summary>
    public const int MutationDepth = 4;

    /// <summary>The end (exclusive) of the subtree that starts at <paramref name="start"/>.</summary>
    public static int SubtreeEnd(ReadOnlySpan<int> tree, int start)
    {
        int open = 1, i = start;
        while (open > 0)
            open += GpPrimitives.Arity(tree[i++]) - 1;
        return i;
    }

    /// <summary>Whether the nodes form exactly one tree: every function gets its arguments, and nothing follows the last.</summary>
    public static bool IsWhole(ReadOnlySpan<int> tree)
    {
        int open = 1;
        for (int i = 0; i < tree.Length; i++)
        {
            if (open == 0)
                return false;
            open += GpPrimitives.Arity(tree[i]) - 1;
        }
        return open == 0;
    }

    /// <summary>The tree's depth: 0 for a single terminal.</summary>
    public static int Depth(ReadOnlySpan<int> tree) => DepthOf(tree, tree.Length, out _);

    /// <summary>The depth of node <paramref name="point"/> (0 for the root) and of the whole tree, in one pass.</summary>
    public static int DepthOf(ReadOnlySpan<int> tree, int point, out int pointDepth)
    {
        // Open slots per depth: a stack of remaining-argument counts, at most MaxDepth + 1 deep in practice.
        Span<int> remaining = stackalloc int[tree.Length + 1];
        int top = -1, deepest = 0;
        pointDepth = -1;
        for (int i = 0; i < tree.Length; i++)
        {
            int depth = top + 1;
            if (i == point)
                pointDepth = depth;
            deepest = Math.Max(deepest, depth);
            if (top >= 0)
                remaining[top]--;
            int arity = GpPrimitives.Arity(tree[i]);
            if (arity > 0)
                remaining[++top] = arity;
            while (top >= 0 && remaining[top] == 0)
                top--;
        }
        return deepest;
    }

    /// <summary>
    /// Writes a random tree no deeper than <paramref name="maxDepth"/> and no longer than <paramref name="output"/>:
    /// full (functions down to the depth) or grow (terminals with chance <see cref="GrowTerminalChance"/> below the
    /// root). A function that could not be completed within the space left is replaced by a terminal. Returns its length.
    /// </summary>
    internal static int Random(Span<int> output, int maxDepth, bool full, int pixels, ref SplitMix64 random)
    {
        // Depths of the argument slots still to fill, last first (prefix order fills the most recent slot first).
        Span<int> pending = stackalloc int[output.Length + 4];
        int count = 0, length = 0;
        pending[count++] = 0;
        while (count > 0)
        {
            int depth = pending[--count];
            bool terminal = depth >= maxDepth || (!full && depth > 0 && random.NextDouble() < GrowTerminalChance);
            int function = 0;
            if (!terminal)
            {
                function = GpPrimitives.Functions[random.NextInt(GpPrimitives.Functions.Length)];
                // Every open slot needs a node: the tree must still fit after this function's arguments.
                terminal = length + 1 + count + GpPrimitives.Arity(function) > output.Length;
            }
            if (terminal)
            {
                output[length++] = RandomTerminal(pixels, ref random);
                continue;
            }
            output[length++] = function;
            for (int a = 0; a < GpPrimitives.Arity(function); a++)
                pending[count++] = depth + 1;
        }
        return length;
    }

    private static int RandomTerminal(int pixels, ref SplitMix64 random) =>
        random.NextDouble() < ConstantChance ? GpPrimitives.Constant(random.NextInt(GpPrimitives.Constants)) : random.NextInt(pixels);

    /// <summary>A crossover or mutation point: a function node with chance <see cref="FunctionPointChance"/> when there is one, else a terminal.</summary>
    internal static int RandomPoint(ReadOnlySpan<int> tree, ref SplitMix64 random)
    {
        int functions = 0;
        foreach (int node in tree)
            if (GpPrimitives.Arity(node) > 0)
                functions++;
        bool function = functions > 0 && random.NextDouble() < FunctionPointChance;
        int nth = random.NextInt(function ? functions : tree.Length - functions);
        for (int i = 0; i < tree.Length; i++)
            if ((GpPrimitives.Arity(tree[i]) > 0) == function && nth-- == 0)
                return i;
        throw new InvalidOperationException("unreachable: a tree has at least one node of the kind counted");
    }

    /// <summary>
    /// Subtree crossover: <paramref name="child"/> = <paramref name="receiver"/> with a random subtree replaced by a random
    /// subtree of <paramref name="donor"/>. When the result would be deeper than <paramref name="maxDepth"/> or longer than
    /// <paramref name="child"/>, the child is the receiver's copy (Koza). Returns the child's length.
    /// </summary>
    internal static int Crossover(ReadOnlySpan<int> receiver, ReadOnlySpan<int> donor, Span<int> child, int maxDepth, ref SplitMix64 random)
    {
        int at = RandomPoint(receiver, ref random), atEnd = SubtreeEnd(receiver, at);
        int from = RandomPoint(donor, ref random), fromEnd = SubtreeEnd(donor, from);
        int length = receiver.Length - (atEnd - at) + (fromEnd - from);
        if (length <= child.Length)
        {
            receiver[..at].CopyTo(child);
            donor[from..fromEnd].CopyTo(child[at..]);
            receiver[atEnd..].CopyTo(child[(at + fromEnd - from)..]);
            if (Depth(child[..length]) <= maxDepth)
                return length;
        }
        receiver.CopyTo(child);
        return receiver.Length;
    }

    /// <summary>
    /// Subtree mutation: <paramref name="child"/> = <paramref name="parent"/> with a random subtree replaced by a grown
    /// tree of depth at most <see cref="MutationDepth"/>, kept within <paramref name="maxDepth"/> and the child's span.
    /// Returns the child's length.
    /// </summary>
    internal static int Mutate(ReadOnlySpan<int> parent, Span<int> child, int maxDepth, int pixels, ref SplitMix64 random)
    {
        int at = RandomPoint(parent, ref random), atEnd = SubtreeEnd(parent, at);
        DepthOf(parent, at, out int pointDepth);
        int rest = parent.Length - (atEnd - at);
        parent[..at].CopyTo(child);
        int grown = Random(child.Slice(at, child.Length - rest), Math.Min(MutationDepth, maxDepth - pointDepth), full: false, pixels, ref random);
        parent[atEnd..].CopyTo(child[(at + grown)..]);
        return rest + grown;
    }

    /// <summary>The tree as an expression, with subtrees below <paramref name="maxDepth"/> printed as "…".</summary>
    public static string Format(ReadOnlySpan<int> tree, int maxDepth)
    {
        var text = new StringBuilder();
        Append(text, tree, 0, 0, maxDepth);
        return text.ToString();
    }

    private static int Append(StringBuilder text, ReadOnlySpan<int> tree, int at, int depth, int maxDepth)
    {
        int node = tree[at], arity = GpPrimitives.Arity(node);
        if (arity == 0)
        {
            text.Append(GpPrimitives.Token(node));
            return at + 1;
        }
        if (depth >= maxDepth)
        {
            text.Append('…');
            return SubtreeEnd(tree, at);
        }
        text.Append(GpPrimitives.Token(node)).Append('(');
        int next = at + 1;
        for (int a = 0; a < arity; a++)
        {
            if (a > 0)
                text.Append(", ");
            next = Append(text, tree, next, depth + 1, maxDepth);
        }
        text.Append(')');
        return next;
    }
}
