using EvoDsl.Kernels;
using EvoDsl.Nne;
using Xunit;

namespace EvoDsl.Tests.Nne;

public sealed class NneForwardTests
{
    // Ragged sizes (not multiples of any vector width) so the vector tails run.
    private readonly struct RaggedSizes : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 77;
        public static int Classes => 3;
        public static int Genes => 101;
        public static int Population => 1;
        public static int TrainSize => 1;
    }

    [Fact]
    public void SparseForwardPassEqualsADenseScalarReference()
    {
        var network = NneNetwork.Create(784, 77, 3, 0.1, 101, 0.05, 1, seed: 3);
        var random = new SplitMix64(9);
        var weights = new float[network.Links];
        for (int i = 0; i < weights.Length; i++)
            weights[i] = 2 * random.NextFloat() - 1;
        var image = new float[784];
        for (int p = 0; p < image.Length; p++)
            image[p] = random.NextDouble() < 0.2 ? random.NextFloat() : 0f;

        // Dense reference: a 784×77 matrix with zeros where the graph has no edge.
        var dense = new double[784, 77];
        for (int t = 0; t < network.Tiles; t++)
            for (int i = 0; i < 784; i++)
                for (int e = network.EdgeStart[t * 784 + i]; e < network.EdgeStart[t * 784 + i + 1]; e++)
                    dense[i, network.EdgeTarget[e]] = weights[e];
        var hiddenReference = new double[77];
        for (int j = 0; j < 77; j++)
        {
            double sum = 0;
            for (int i = 0; i < 784; i++)
                sum += image[i] * dense[i, j];
            hiddenReference[j] = Math.Max(0, sum);
        }
        var expected = new double[3];
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 77; j++)
                expected[k] += weights[network.FirstLayerLinks + k * 77 + j] * hiddenReference[j];

        SparseRows rows = SparseRows.FromDense(image, 1, 784);
        var hidden = new float[77];
        var logits = new float[3];
        NneForward.Logits<RaggedSizes>(network, weights, rows.ColumnsOf(0), rows.ValuesOf(0), hidden, logits);

        for (int k = 0; k < 3; k++)
            Assert.Equal(expected[k], logits[k], 3);
    }

    [Fact]
    public void MarginFitnessIsAlphaSquaredMinusLossSquaredClampedAtZero()
    {
        // Uniform logits: L = ln K = α, so the reward is 0 (no better than chance).
        Assert.Equal(0f, MarginOverChanceFitness.Evaluate([0f, 0f, 0f, 0f, 0f], 2), 5);
        // A confident right answer: L ≈ 0, reward ≈ α² = (ln 5)².
        float confident = MarginOverChanceFitness.Evaluate([0f, 0f, 30f, 0f, 0f], 2);
        Assert.Equal(MathF.Log(5) * MathF.Log(5), confident, 3);
        // A confident wrong answer is clamped at 0.
        Assert.Equal(0f, MarginOverChanceFitness.Evaluate([30f, 0f, 0f, 0f, 0f], 2));
        // In between: L = log(e² + 4) − 2 for logits (2,0,0,0,0) and label 0.
        double loss = Math.Log(Math.Exp(2) + 4) - 2;
        Assert.Equal(Math.Log(5) * Math.Log(5) - loss * loss, MarginOverChanceFitness.Evaluate([2f, 0f, 0f, 0f, 0f], 0), 4);
    }
}
