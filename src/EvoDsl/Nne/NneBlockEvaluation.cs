using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvoDsl.Kernels;

namespace EvoDsl.Nne;

/// <summary>
/// Evaluates 16 genotypes at once, one per lane of a <see cref="Vector512{T}"/>: the sparse graph,
/// the training set and the sample being processed are the same for every genotype, so each edge
/// costs one fused multiply-add for 16 genotypes. Hidden tiles keep one tile's lane-interleaved
/// weights in L2 and its activations in L1 while all samples stream through. Each lane computes
/// exactly what it would alone, so a genotype's δ does not depend on its block or the thread count.
/// </summary>
public static class NneBlockEvaluation
{
    /// <summary>Genotypes per block.</summary>
    public static int Lanes => Vector512<float>.Count;

    /// <summary>Per-worker scratch for one block, allocated once, every vector 64-byte aligned.</summary>
    public sealed class Scratch(NneNetwork network, int trainSize)
    {
        /// <summary>x_lane(g) for every gene g, as a vector of 0/1 over lanes.</summary>
        public readonly AlignedVectors Alleles = new(network.Genes);

        /// <summary>w = W·x per link, lane-interleaved.</summary>
        public readonly AlignedVectors Weights = new(network.Links);

        /// <summary>One tile's hidden activations for the current sample.</summary>
        public readonly AlignedVectors Hidden = new(network.TileSize);

        /// <summary>Logits of every training sample (K per sample), accumulated tile by tile.</summary>
        public readonly AlignedVectors Logits = new(trainSize * network.Classes);

        /// <summary>Per-lane fitness sums, as floats, for the lanes of the block.</summary>
        public readonly float[] FitnessSum = new float[Vector512<float>.Count];
    }

    /// <summary>
    /// Lane-interleaved weights w[link][lane] = Σ_g W[link, g]·x_lane(g) for up to 16 genotypes
    /// (rows of <paramref name="genotypes"/>, one byte per gene); missing lanes get weight 0.
    /// </summary>
    public static void ComputeWeights(NneNetwork network, ReadOnlySpan<byte> genotypes, int lanes, Scratch scratch)
    {
        int genes = network.Genes;
        Span<float> alleles = MemoryMarshal.Cast<Vector512<float>, float>(scratch.Alleles.Span);
        alleles.Clear();
        for (int lane = 0; lane < lanes; lane++)
        {
            ReadOnlySpan<byte> genotype = genotypes.Slice(lane * genes, genes);
            for (int g = 0; g < genes; g++)
                alleles[g * Lanes + lane] = genotype[g];
        }

        ref Vector512<float> alleleRows = ref MemoryMarshal.GetReference(scratch.Alleles.Span);
        ref int linkStart = ref MemoryMarshal.GetArrayDataReference(network.LinkStart);
        ref int linkGene = ref MemoryMarshal.GetArrayDataReference(network.LinkGene);
        ref float linkWeight = ref MemoryMarshal.GetArrayDataReference(network.LinkWeight);
        Span<Vector512<float>> weights = scratch.Weights.Span;
        for (int link = 0; link < weights.Length; link++)
        {
            Vector512<float> sum = Vector512<float>.Zero;
            int end = Unsafe.Add(ref linkStart, link + 1);
            for (int k = Unsafe.Add(ref linkStart, link); k < end; k++)
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref linkWeight, k)), Unsafe.Add(ref alleleRows, Unsafe.Add(ref linkGene, k)), sum);
            weights[link] = sum;
        }
    }

    /// <summary>
    /// Σ_s fitness(NNE_x(y_s), ℓ(y_s)) for each lane's genotype over the training set, into
    /// <see cref="Scratch.FitnessSum"/>; <see cref="ComputeWeights"/> must have run first.
    /// </summary>
    public static void SumFitness<TSizes, TFitness>(NneNetwork network, SparseRows samples, int[] labels, Scratch scratch)
        where TSizes : INneSizes
        where TFitness : struct, ISampleFitness
    {
        int classes = TSizes.Classes;
        Span<Vector512<float>> logits = scratch.Logits.Span;
        Span<Vector512<float>> weights = scratch.Weights.Span;
        Span<Vector512<float>> hidden = scratch.Hidden.Span;
        logits.Clear();
        for (int tile = 0; tile < network.Tiles; tile++)
        {
            int first = tile * network.TileSize;
            int width = Math.Min(network.TileSize, TSizes.Hidden - first);
            Span<Vector512<float>> tileHidden = hidden[..width];
            ReadOnlySpan<int> tileEdgeStart = network.EdgeStart.AsSpan(tile * network.Inputs, network.Inputs + 1);
            for (int s = 0; s < TSizes.TrainSize; s++)
            {
                ScatterInputs(tileHidden, weights, network.EdgeTarget, tileEdgeStart, samples.ColumnsOf(s), samples.ValuesOf(s), first);
                AddTileLogits(tileHidden, weights[network.FirstLayerLinks..], TSizes.Hidden, first, logits.Slice(s * classes, classes));
            }
        }

        Vector512<float> total = Vector512<float>.Zero;
        for (int s = 0; s < TSizes.TrainSize; s++)
            total += TFitness.EvaluateLanes(logits.Slice(s * classes, classes), labels[s]);
        total.CopyTo(scratch.FitnessSum);
    }

    /// <summary>
    /// One tile's hidden pre-activations for one sample: each nonzero pixel adds value × weight
    /// along its edges into the tile. Its own method, so the hot loop has the registers to itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScatterInputs(Span<Vector512<float>> hidden, ReadOnlySpan<Vector512<float>> weights,
        int[] edgeTargets, ReadOnlySpan<int> tileEdgeStart, ReadOnlySpan<int> pixels, ReadOnlySpan<float> values, int first)
    {
        hidden.Clear();
        ref Vector512<float> h0 = ref MemoryMarshal.GetReference(hidden);
        ref Vector512<float> w = ref MemoryMarshal.GetReference(weights);
        ref int target = ref MemoryMarshal.GetArrayDataReference(edgeTargets);
        ref int edgeStart = ref MemoryMarshal.GetReference(tileEdgeStart);
        for (int t = 0; t < pixels.Length; t++)
        {
            int input = pixels[t];
            Vector512<float> value = Vector512.Create(values[t]);
            int end = Unsafe.Add(ref edgeStart, input + 1);
            for (int e = Unsafe.Add(ref edgeStart, input); e < end; e++)
            {
                // Offset the index rather than the reference: a reference before the array's start is a GC hole.
                ref Vector512<float> h = ref Unsafe.Add(ref h0, Unsafe.Add(ref target, e) - first);
                h = Vector512.FusedMultiplyAdd(value, Unsafe.Add(ref w, e), h);
            }
        }
    }

    /// <summary>ReLU of the tile, then logits[k] += Σ_{j in tile} W2[k, j]·relu(h_j), five outputs at a time in registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddTileLogits(Span<Vector512<float>> hidden, ReadOnlySpan<Vector512<float>> outputWeights,
        int hiddenCount, int first, Span<Vector512<float>> logits)
    {
        ref Vector512<float> h = ref MemoryMarshal.GetReference(hidden);
        int width = hidden.Length;
        for (int j = 0; j < width; j++)
            Unsafe.Add(ref h, j) = Vector512.MaxNative(Unsafe.Add(ref h, j), Vector512<float>.Zero); // ReLU

        ref Vector512<float> w = ref Unsafe.Add(ref MemoryMarshal.GetReference(outputWeights), first);
        int k = 0;
        for (; k + 5 <= logits.Length; k += 5)
        {
            ref Vector512<float> row0 = ref Unsafe.Add(ref w, k * hiddenCount);
            ref Vector512<float> row1 = ref Unsafe.Add(ref row0, hiddenCount);
            ref Vector512<float> row2 = ref Unsafe.Add(ref row1, hiddenCount);
            ref Vector512<float> row3 = ref Unsafe.Add(ref row2, hiddenCount);
            ref Vector512<float> row4 = ref Unsafe.Add(ref row3, hiddenCount);
            Vector512<float> sum0 = logits[k], sum1 = logits[k + 1], sum2 = logits[k + 2], sum3 = logits[k + 3], sum4 = logits[k + 4];
            for (int j = 0; j < width; j++)
            {
                Vector512<float> hj = Unsafe.Add(ref h, j);
                sum0 = Vector512.FusedMultiplyAdd(Unsafe.Add(ref row0, j), hj, sum0);
                sum1 = Vector512.FusedMultiplyAdd(Unsafe.Add(ref row1, j), hj, sum1);
                sum2 = Vector512.FusedMultiplyAdd(Unsafe.Add(ref row2, j), hj, sum2);
                sum3 = Vector512.FusedMultiplyAdd(Unsafe.Add(ref row3, j), hj, sum3);
                sum4 = Vector512.FusedMultiplyAdd(Unsafe.Add(ref row4, j), hj, sum4);
            }
            logits[k] = sum0;
            logits[k + 1] = sum1;
            logits[k + 2] = sum2;
            logits[k + 3] = sum3;
            logits[k + 4] = sum4;
        }
        for (; k < logits.Length; k++)
        {
            ref Vector512<float> row = ref Unsafe.Add(ref w, k * hiddenCount);
            Vector512<float> sum = logits[k];
            for (int j = 0; j < width; j++)
                sum = Vector512.FusedMultiplyAdd(Unsafe.Add(ref row, j), Unsafe.Add(ref h, j), sum);
            logits[k] = sum;
        }
    }
}
