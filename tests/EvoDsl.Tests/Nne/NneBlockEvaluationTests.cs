using EvoDsl.Kernels;
using EvoDsl.Nne;
using Xunit;

namespace EvoDsl.Tests.Nne;

public sealed class NneBlockEvaluationTests
{
    // Ragged on purpose, at either width (512 / 256 bits): 133 genotypes = two full blocks of 64 and one
    // of 5; 150 hidden = passes of 32 / 8 units and a short one of 22 / 6; 7 classes = a tile of 5 / 4
    // and 2 / 3 left over; 63 samples in chunks of 10 = six full chunks (each two tiles of 4 samples and
    // 2 left over / three of 3 and 1) and one of 3.
    private readonly struct RaggedSizes : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 150;
        public static int Classes => 7;
        public static int Genes => 203;
        public static int Population => 133;
        public static int TrainSize => 7 * 9;
    }

    private const int ChunkSize = 10;

    private static readonly NneSettings Settings = new(Hidden: 150, EdgeProbability: 0.15, Genes: 203, Population: 133,
        GeneDensity: 0.02, Selection: 100, WeightGain: 8, FitnessHook: null);

    private static NneEvolution<RaggedSizes, TFitness> Evolution<TFitness>(int threads, int chunkSize = ChunkSize,
        VectorWidth width = VectorWidth.Widest)
        where TFitness : struct, ISampleFitness =>
        new(Settings, SyntheticDigits.Context(classes: 7, trainPerClass: 9, seed: 4, threads), chunkSize: chunkSize, width: width);

    private static void AssertSameFitness(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int x = 0; x < expected.Length; x++)
            Assert.True(Math.Abs(expected[x] - actual[x]) <= 1e-4f * Math.Max(1f, Math.Abs(expected[x])),
                $"genotype {x}: reference δ {expected[x]}, block δ {actual[x]}");
    }

    // Both widths run on any machine: the one the hardware lacks is emulated, slowly but exactly.
    [Theory]
    [InlineData(VectorWidth.Bits256)]
    [InlineData(VectorWidth.Bits512)]
    public void BlockEvaluationGivesTheScalarReferencesFitnessForEveryGenotype(VectorWidth width)
    {
        using var evolution = Evolution<MarginOverChanceFitness>(threads: 2, width: width);
        for (int generation = 0; generation < 3; generation++)
        {
            evolution.SamplePopulation();
            evolution.EvaluatePopulationReference();
            float[] reference = (float[])evolution.Fitness.Clone();
            evolution.EvaluatePopulation();
            Assert.Contains(reference, delta => delta > 0); // the comparison is not between zeros
            AssertSameFitness(reference, evolution.Fitness);
            evolution.SelectAlleles(Settings.Selection);
        }
    }

    // One hidden unit, 12 classes (tiles of 5 + 5 + 2 or 4 + 4 + 4), 90 genotypes (a block of 64 and one
    // of 26: two vectors of 16 lanes or four of 8), 36 samples.
    private readonly struct OneUnitSizes : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 1;
        public static int Classes => 12;
        public static int Genes => 50;
        public static int Population => 90;
        public static int TrainSize => 12 * 3;
    }

    // 33 hidden units (passes of 32 or 8 and one of 1), 4 classes (one tile of 4, none of 5), 104 genotypes (a block of
    // 64 and one of 40: three vectors of 16 lanes or five of 8), 20 samples.
    private readonly struct ThreeVectorSizes : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 33;
        public static int Classes => 4;
        public static int Genes => 80;
        public static int Population => 104;
        public static int TrainSize => 4 * 5;
    }

    private static void AssertBlockMatchesReference<TSizes>(int chunkSize, VectorWidth width)
        where TSizes : INneSizes
    {
        var settings = new NneSettings(Hidden: TSizes.Hidden, EdgeProbability: 0.15, Genes: TSizes.Genes, Population: TSizes.Population,
            GeneDensity: 0.05, Selection: 100, WeightGain: 8, FitnessHook: null);
        int perClass = TSizes.TrainSize / TSizes.Classes;
        using var evolution = new NneEvolution<TSizes, LabelLogit>(settings,
            SyntheticDigits.Context(TSizes.Classes, perClass, seed: 6, threads: 2), chunkSize: chunkSize, width: width);
        for (int generation = 0; generation < 2; generation++)
        {
            evolution.SamplePopulation();
            evolution.EvaluatePopulationReference();
            float[] reference = (float[])evolution.Fitness.Clone();
            evolution.EvaluatePopulation();
            Assert.Contains(reference, delta => delta != 0);
            AssertSameFitness(reference, evolution.Fitness);
            evolution.SelectAlleles(settings.Selection);
        }
    }

    [Theory]
    [InlineData(1, VectorWidth.Bits256)] // chunks of one sample: no tile of 3 or 4 samples
    [InlineData(1, VectorWidth.Bits512)]
    [InlineData(7, VectorWidth.Bits256)] // 3 + 3 + 1 or 4 + 3 samples per chunk, last chunk 1
    [InlineData(7, VectorWidth.Bits512)]
    public void OneHiddenUnitAndTwelveClassesMatchTheReference(int chunkSize, VectorWidth width) =>
        AssertBlockMatchesReference<OneUnitSizes>(chunkSize, width);

    [Theory]
    [InlineData(VectorWidth.Bits256)]
    [InlineData(VectorWidth.Bits512)]
    public void AShortLastPassAndAPartlyFilledLastBlockMatchTheReference(VectorWidth width) =>
        AssertBlockMatchesReference<ThreeVectorSizes>(chunkSize: 20, width);

    // Every leftover tile and every count of filled vectors in a last block, at one width or the other
    // (256 / 512 bits): 5 classes = 4 + 1 / 5, 6 = 4 + 2 / 5 + 1, 8 = 4 + 4 / 5 + 3, 9 = 4 + 4 + 1 / 5 + 4;
    // last blocks of 10, 20, 44 and 50 genotypes fill 2, 3, 6, 7 vectors of 8 / 1, 2, 3, 4 of 16.
    private readonly struct FiveClasses : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 33;
        public static int Classes => 5;
        public static int Genes => 80;
        public static int Population => 64 + 10;
        public static int TrainSize => 5 * 5;
    }

    private readonly struct SixClasses : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 33;
        public static int Classes => 6;
        public static int Genes => 80;
        public static int Population => 64 + 20;
        public static int TrainSize => 6 * 4;
    }

    private readonly struct EightClasses : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 33;
        public static int Classes => 8;
        public static int Genes => 80;
        public static int Population => 64 + 44;
        public static int TrainSize => 8 * 3;
    }

    private readonly struct NineClasses : INneSizes
    {
        public static int Inputs => 784;
        public static int Hidden => 33;
        public static int Classes => 9;
        public static int Genes => 80;
        public static int Population => 64 + 50;
        public static int TrainSize => 9 * 3;
    }

    [Theory]
    [InlineData(5, VectorWidth.Bits256)]
    [InlineData(5, VectorWidth.Bits512)]
    [InlineData(6, VectorWidth.Bits256)]
    [InlineData(6, VectorWidth.Bits512)]
    [InlineData(8, VectorWidth.Bits256)]
    [InlineData(8, VectorWidth.Bits512)]
    [InlineData(9, VectorWidth.Bits256)]
    [InlineData(9, VectorWidth.Bits512)]
    public void EveryLeftoverTileAndPartlyFilledBlockMatchesTheReference(int classes, VectorWidth width)
    {
        const int chunkSize = 20; // 20 = 6 × 3 + 2 or 5 × 4 samples, and a last chunk of 4 to 7
        switch (classes)
        {
            case 5: AssertBlockMatchesReference<FiveClasses>(chunkSize, width); break;
            case 6: AssertBlockMatchesReference<SixClasses>(chunkSize, width); break;
            case 8: AssertBlockMatchesReference<EightClasses>(chunkSize, width); break;
            case 9: AssertBlockMatchesReference<NineClasses>(chunkSize, width); break;
            default: throw new ArgumentOutOfRangeException(nameof(classes));
        }
    }

    [Fact]
    public void TheTwoVectorWidthsGiveBitIdenticalFitness()
    {
        // Each lane sums the same products in the same order at either width.
        using var narrow = Evolution<MarginOverChanceFitness>(threads: 2, width: VectorWidth.Bits256);
        using var wide = Evolution<MarginOverChanceFitness>(threads: 2, width: VectorWidth.Bits512);
        for (int generation = 0; generation < 2; generation++)
        {
            narrow.SamplePopulation();
            narrow.EvaluatePopulation();
            wide.SamplePopulation();
            wide.EvaluatePopulation();
            Assert.Contains(narrow.Fitness, delta => delta > 0);
            Assert.Equal(narrow.Fitness, wide.Fitness);
            narrow.SelectAlleles(Settings.Selection);
            wide.SelectAlleles(Settings.Selection);
        }
        Assert.Equal(narrow.AlleleFrequencies, wide.AlleleFrequencies);
    }

    [Fact]
    public void EveryGenotypesFitnessIsBitIdenticalForOneAndTwoThreadsAndAnyChunkSize()
    {
        using var one = Evolution<MarginOverChanceFitness>(threads: 1);
        using var two = Evolution<MarginOverChanceFitness>(threads: 2);
        using var wholeSet = Evolution<MarginOverChanceFitness>(threads: 2, chunkSize: 512);
        for (int generation = 0; generation < 3; generation++)
        {
            foreach (var evolution in new[] { one, two, wholeSet })
            {
                evolution.SamplePopulation();
                evolution.EvaluatePopulation();
            }
            Assert.Contains(one.Fitness, delta => delta > 0);
            Assert.Equal(one.Fitness, two.Fitness);
            Assert.Equal(one.Fitness, wholeSet.Fitness);
            foreach (var evolution in new[] { one, two, wholeSet })
                evolution.SelectAlleles(Settings.Selection);
        }
        Assert.Equal(one.AlleleFrequencies, two.AlleleFrequencies);
    }

    private readonly struct LabelLogit : ISampleFitness
    {
        public static float Evaluate(ReadOnlySpan<float> logits, int label) => logits[label] - logits[(label + 1) % logits.Length];

        public static System.Runtime.Intrinsics.Vector512<float> EvaluateLanes(ReadOnlySpan<System.Runtime.Intrinsics.Vector512<float>> logits, int label) =>
            LaneByLane.Evaluate<LabelLogit>(logits, label);
    }

    [Fact]
    public void ALaneByLaneFitnessAgreesToo()
    {
        using var evolution = Evolution<LabelLogit>(threads: 1);
        evolution.SamplePopulation();
        evolution.EvaluatePopulationReference();
        float[] reference = (float[])evolution.Fitness.Clone();
        evolution.EvaluatePopulation();
        Assert.Contains(reference, delta => delta != 0);
        AssertSameFitness(reference, evolution.Fitness);
    }

    [Fact]
    public void AlleleFrequenciesAfterSeveralGenerationsMatchTheReferencePath()
    {
        using var fast = Evolution<MarginOverChanceFitness>(threads: 2);
        using var reference = Evolution<MarginOverChanceFitness>(threads: 2);
        for (int generation = 0; generation < 5; generation++)
        {
            fast.SamplePopulation();
            fast.EvaluatePopulation();
            fast.SelectAlleles(Settings.Selection);
            reference.SamplePopulation();
            reference.EvaluatePopulationReference();
            reference.SelectAlleles(Settings.Selection);
        }
        for (int i = 0; i < RaggedSizes.Genes; i++)
            Assert.Equal(reference.AlleleFrequencies[i], fast.AlleleFrequencies[i], 1e-4);
    }

    [Fact]
    public void VectorMarginFitnessEqualsTheScalarOneInEveryLane()
    {
        var random = new SplitMix64(3);
        var logits = new System.Runtime.Intrinsics.Vector512<float>[10];
        var lanes = new float[10, 16];
        for (int k = 0; k < 10; k++)
        {
            for (int lane = 0; lane < 16; lane++)
                lanes[k, lane] = 12 * random.NextFloat() - 6;
            logits[k] = System.Runtime.Intrinsics.Vector512.Create(Enumerable.Range(0, 16).Select(l => lanes[k, l]).ToArray());
        }
        var vector = MarginOverChanceFitness.EvaluateLanes(logits, label: 4);
        for (int lane = 0; lane < 16; lane++)
        {
            float[] one = Enumerable.Range(0, 10).Select(k => lanes[k, lane]).ToArray();
            Assert.Equal(MarginOverChanceFitness.Evaluate(one, 4), vector[lane], 3);
        }
    }
}
