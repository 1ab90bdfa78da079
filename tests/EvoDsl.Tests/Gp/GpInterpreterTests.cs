using System.Numerics;
using EvoDsl.Gp;
using EvoDsl.Kernels;
using Xunit;

namespace EvoDsl.Tests.Gp;

/// <summary>The batch interpreter against a scalar, recursive reference written from the primitives' definitions.</summary>
public sealed class GpInterpreterTests
{
    private const int Pixels = 12;

    /// <summary>A tree's value on one sample, node by node in prefix order: the reference.</summary>
    private static float Reference(ReadOnlySpan<int> tree, ReadOnlySpan<float> pixels, ref int at)
    {
        int node = tree[at++];
        if (GpPrimitives.IsPixel(node))
            return pixels[node];
        if (GpPrimitives.IsConstant(node))
            return GpPrimitives.ValueOf(node);
        if (node == GpPrimitives.IfGreater)
        {
            float a = Reference(tree, pixels, ref at), b = Reference(tree, pixels, ref at);
            float c = Reference(tree, pixels, ref at), d = Reference(tree, pixels, ref at);
            return a > b ? c : d;
        }
        float x = Reference(tree, pixels, ref at), y = Reference(tree, pixels, ref at);
        return node switch
        {
            GpPrimitives.Add => x + y,
            GpPrimitives.Subtract => x - y,
            GpPrimitives.Multiply => x * y,
            GpPrimitives.Divide => y == 0f ? 1f : x / y,
            GpPrimitives.Max => MathF.Max(x, y),
            _ => MathF.Min(x, y),
        };
    }

    /// <summary>Samples as pixel rows (pixel p of sample i at p · count + i): a third of the pixels 0, so divisions by 0 happen.</summary>
    private static float[] Rows(int count, ulong seed)
    {
        var random = new SplitMix64(seed);
        var rows = new float[Pixels * count];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = random.NextDouble() < 1.0 / 3 ? 0f : 2f * random.NextFloat() - 1f;
        return rows;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]    // shorter than any vector: the scalar tails alone
    [InlineData(37)]   // vectors and a tail
    [InlineData(256)]
    public void RandomTreesGiveTheReferenceValuesExactly(int count)
    {
        float[] rows = Rows(count, seed: (ulong)count);
        var interpreter = new GpInterpreter(maxSize: 60, width: 256);
        var output = new float[count];
        var tree = new int[60];
        var sample = new float[Pixels];
        for (int t = 0; t < 300; t++)
        {
            var random = new SplitMix64(Streams.Key(11, 1, (ulong)t));
            int length = GpTrees.Random(tree, maxDepth: 2 + t % 6, full: t % 2 == 0, Pixels, ref random);
            interpreter.Run(tree.AsSpan(0, length), rows, count, output);
            for (int i = 0; i < count; i++)
            {
                for (int p = 0; p < Pixels; p++)
                    sample[p] = rows[p * count + i];
                int at = 0;
                float expected = Reference(tree.AsSpan(0, length), sample, ref at);
                Assert.True(expected.Equals(output[i]), $"tree {t} ({GpTrees.Format(tree.AsSpan(0, length), 20)}), sample {i}: {output[i]} where the reference gives {expected}");
            }
        }
    }

    [Fact]
    public void ConstantsFoldAndFillTheOutput()
    {
        var interpreter = new GpInterpreter(maxSize: 8, width: 16);
        var output = new float[5];
        // (0.5 + 0.5) / (1.0 − 1.0): protected, so 1; then max with −1.
        int[] tree = [GpPrimitives.Max, GpPrimitives.Divide, GpPrimitives.Add, Constant(0.5f), Constant(0.5f),
                      GpPrimitives.Subtract, Constant(1f), Constant(1f), Constant(-1f)];
        interpreter = new GpInterpreter(maxSize: tree.Length, width: 16);
        interpreter.Run(tree, new float[Pixels * 5], 5, output);
        Assert.Equal([1f, 1f, 1f, 1f, 1f], output);
    }

    [Fact]
    public void VectorAndScalarPathsOfTheOwnKernelsAgree()
    {
        // ProtectedDivide and IfGreater run Vector<float> where it is accelerated and a scalar loop for the tail;
        // a length below the vector width runs the scalar loop alone. Both must equal the primitives' definitions.
        foreach (int count in new[] { Vector<float>.Count - 1, Vector<float>.Count * 3 + 1 })
        {
            float[] a = Rows(count, 1)[..count], b = Rows(count, 2)[..count], c = Rows(count, 3)[..count], d = Rows(count, 4)[..count];
            var quotient = new float[count];
            var chosen = new float[count];
            GpInterpreter.ProtectedDivide(a, b, quotient);
            GpInterpreter.IfGreater(a, b, c, d, chosen);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(GpPrimitives.ProtectedDivide(a[i], b[i]), quotient[i]);
                Assert.Equal(a[i] > b[i] ? c[i] : d[i], chosen[i]);
            }
            Assert.Contains(0f, b); // the protected case was exercised
        }
    }

    [Fact]
    public void AnArrayThatIsNotOneTreeIsRefused()
    {
        var interpreter = new GpInterpreter(maxSize: 4, width: 4);
        var error = Assert.Throws<ArgumentException>(() => interpreter.Run([0, 1], new float[Pixels * 4], 4, new float[4]));
        Assert.Contains("not one whole tree", error.Message);
        error = Assert.Throws<ArgumentException>(() => interpreter.Run([GpPrimitives.Add, 1], new float[Pixels * 4], 4, new float[4]));
        Assert.Contains("a function lacks arguments", error.Message);
        error = Assert.Throws<ArgumentException>(() => interpreter.Run([GpPrimitives.Add, GpPrimitives.Add, 1, 2, 3], new float[Pixels * 4], 4, new float[4]));
        Assert.Contains("trees of at most 4 nodes, not 5", error.Message);
    }

    private static int Constant(float value) => GpPrimitives.Constant((int)MathF.Round(value * 10) + 10);
}
