using EvoDsl.Gp;
using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Gp;

/// <summary>Random trees, crossover and mutation keep every tree whole and within its limits; the text forms read back.</summary>
public sealed class GpTreesTests
{
    private const int Pixels = 256;

    [Fact]
    public void RandomTreesAreWholeAndWithinTheirDepthAndSpace()
    {
        var space = new int[30];
        int fullAtDepth2 = 0;
        for (int t = 0; t < 2000; t++)
        {
            var random = new SplitMix64((ulong)t);
            int depth = 1 + t % 6;
            bool full = t / 6 % 2 == 0;
            int length = GpTrees.Random(space, depth, full, Pixels, ref random);
            ReadOnlySpan<int> tree = space.AsSpan(0, length);
            Assert.True(GpTrees.IsWhole(tree));
            Assert.InRange(GpTrees.Depth(tree), 0, depth);
            foreach (int node in tree)
                Assert.True(GpPrimitives.IsNode(node, Pixels), $"node {node}");
            if (full && depth == 2 && length < 30)
            {
                // A full tree puts functions on every level above the last, so all its leaves are at depth 2.
                Assert.Equal(2, GpTrees.Depth(tree));
                fullAtDepth2++;
            }
        }
        Assert.True(fullAtDepth2 > 100);
    }

    [Fact]
    public void CrossoverAndMutationKeepChildrenWholeAndWithinTheLimits()
    {
        const int maxSize = 25, maxDepth = 5;
        var a = new int[maxSize];
        var b = new int[maxSize];
        var child = new int[maxSize];
        int copies = 0;
        for (int t = 0; t < 3000; t++)
        {
            var random = new SplitMix64(Streams.Key(3, 9, (ulong)t));
            int aLength = GpTrees.Random(a, 1 + t % 4, full: t % 3 == 0, Pixels, ref random);
            int bLength = GpTrees.Random(b, 1 + t % 5, full: t % 2 == 0, Pixels, ref random);
            int crossed = GpTrees.Crossover(a.AsSpan(0, aLength), b.AsSpan(0, bLength), child, maxDepth, ref random);
            Check(child.AsSpan(0, crossed));
            if (child.AsSpan(0, crossed).SequenceEqual(a.AsSpan(0, aLength)))
                copies++;
            int mutated = GpTrees.Mutate(a.AsSpan(0, aLength), child, maxDepth, Pixels, ref random);
            Check(child.AsSpan(0, mutated));
        }
        // Some crossovers break a limit and give the receiver's copy, most do not.
        Assert.InRange(copies, 1, 2000);

        static void Check(ReadOnlySpan<int> tree)
        {
            Assert.True(GpTrees.IsWhole(tree));
            Assert.InRange(tree.Length, 1, maxSize);
            Assert.InRange(GpTrees.Depth(tree), 0, maxDepth);
        }
    }

    [Fact]
    public void CrossoverSplicesTheDonorsSubtreeIntoTheReceiver()
    {
        // receiver add(p1, p2); donor mul(p3, p4): every child is add(x, y) with one argument or the root replaced
        // by p3, p4 or mul(p3, p4), and the rest kept.
        int[] receiver = [GpPrimitives.Add, 1, 2], donor = [GpPrimitives.Multiply, 3, 4];
        var child = new int[10];
        var seen = new HashSet<string>();
        for (int t = 0; t < 500; t++)
        {
            var random = new SplitMix64((ulong)t);
            int length = GpTrees.Crossover(receiver, donor, child, maxDepth: 5, ref random);
            seen.Add(GpTrees.Format(child.AsSpan(0, length), 5));
        }
        Assert.Subset(new HashSet<string>
        {
            "add(mul(p3, p4), p2)", "add(p1, mul(p3, p4))", "add(p3, p2)", "add(p4, p2)", "add(p1, p3)", "add(p1, p4)",
            "mul(p3, p4)", "p3", "p4",
        }, seen);
        Assert.Contains("add(mul(p3, p4), p2)", seen);
        Assert.Contains("add(p1, mul(p3, p4))", seen);
    }

    [Fact]
    public void AChildPastTheSizeLimitIsTheReceiversCopy()
    {
        int[] receiver = [GpPrimitives.Add, 1, 2];
        int[] donor = [GpPrimitives.Multiply, GpPrimitives.Add, 3, 4, 5];
        var child = new int[3]; // room for the receiver's size, no more
        int copies = 0;
        for (int t = 0; t < 200; t++)
        {
            var random = new SplitMix64((ulong)t);
            int length = GpTrees.Crossover(receiver, donor, child, maxDepth: 10, ref random);
            Assert.InRange(length, 1, 3);
            Assert.True(GpTrees.IsWhole(child.AsSpan(0, length)));
            if (child.AsSpan(0, length).SequenceEqual(receiver))
                copies++;
        }
        // A leaf replaced by add(p3, p4) or by the whole donor does not fit: those children are copies.
        Assert.True(copies > 20, $"{copies} copies in 200 crossovers");
    }

    [Fact]
    public void TheTextFormsReadBackAndCutAtTheirDepth()
    {
        for (int node = GpPrimitives.Constant(GpPrimitives.Constants - 1); node < Pixels; node++)
            if (GpPrimitives.IsNode(node, Pixels))
                Assert.Equal(node, GpPrimitives.Parse(GpPrimitives.Token(node)));
        int[] tree = [GpPrimitives.IfGreater, 7, GpPrimitives.Constant(15), GpPrimitives.Max, 1, 2, GpPrimitives.Divide, 3, 4];
        Assert.Equal("ifgt(p7, 0.5, max(p1, p2), div(p3, p4))", GpTrees.Format(tree, 5));
        Assert.Equal("ifgt(p7, 0.5, …, …)", GpTrees.Format(tree, 1));
        Assert.Equal(2, GpTrees.Depth(tree));
        Assert.False(GpTrees.IsWhole(tree.AsSpan(0, 8)));
        Assert.False(GpTrees.IsWhole([1, 2]));
    }
}
