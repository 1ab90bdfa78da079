using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EvoDsl.Kernels;

namespace EvoDsl.Nne;

/// <summary>
/// Evaluates 64 genotypes at once, four <see cref="Vector512{T}"/> of 16 lanes, one genotype per lane:
/// the graph, the training set and the sample being processed are the same for every genotype, so one
/// first-layer term costs four fused multiply-adds for 64 genotypes.
/// <para>
/// The samples go through in chunks (<see cref="ActiveEdges"/>). For one chunk, each hidden unit in
/// turn runs over the chunk's samples with its own weights, 4 × ~78 vectors = 20 KB, kept in L1: only a
/// sample's nonzero pixels cost anything, and the weights are fetched once per chunk rather than once
/// per sample. Every <see cref="UnitsPerPass"/> units the chunk's logits take those units' activations
/// as a small matrix product whose 4 samples × 5 classes partial sums stay in registers.
/// </para>
/// Each lane computes what it would alone, summing a unit's inputs in ascending order and the logits
/// over units in ascending order, so a genotype's δ depends neither on its block nor on the thread count.
/// </summary>
public static class NneBlockEvaluation
{
    /// <summary>Vectors of 16 genotypes per block.</summary>
    public const int Vectors = 4;

    /// <summary>
    /// Hidden units whose activations are gathered before they are added into the logits: the 20 partial
    /// sums of a register tile are loaded and stored once per pass (measured: 32 about 5% faster than 8).
    /// </summary>
    public const int UnitsPerPass = 32;

    /// <summary>Genotypes per block.</summary>
    public static int Lanes => Vectors * Vector512<float>.Count;

    /// <summary>Per-worker scratch for one block, allocated once, every vector 64-byte aligned.</summary>
    public sealed class Scratch(NneNetwork network, ActiveEdges active)
    {
        /// <summary>The training set's active terms, whose chunk size the buffers below are sized for.</summary>
        public readonly ActiveEdges Active = active;

        /// <summary>x(g) for every gene g: four vectors of 0/1 over the block's lanes per gene.</summary>
        public readonly AlignedVectors Alleles = new(network.Genes * Vectors);

        /// <summary>w = W·x per link in unit-major order (<see cref="NneNetwork.UnitStart"/>), four vectors per link.</summary>
        public readonly AlignedVectors Weights = new(network.Links * Vectors);

        /// <summary>ReLU activations of one pass of units for a chunk: [vector][unit in pass][sample in chunk].</summary>
        public readonly AlignedVectors Hidden = new(Vectors * UnitsPerPass * active.ChunkSize);

        /// <summary>The chunk's logits: [sample in chunk][vector][class].</summary>
        public readonly AlignedVectors Logits = new(active.ChunkSize * Vectors * network.Classes);

        /// <summary>Per-lane fitness sums for the lanes of the block.</summary>
        public readonly float[] FitnessSum = new float[Lanes];
    }

    /// <summary>
    /// Weights w[link][vector] = Σ_g W[link, g]·x_lane(g) for up to 64 genotypes (rows of
    /// <paramref name="genotypes"/>, one byte per gene); missing lanes get weight 0.
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
                alleles[g * Lanes + lane] = genotype[g]; // lane l is element l % 16 of vector l / 16
        }

        ref Vector512<float> alleleRows = ref MemoryMarshal.GetReference(scratch.Alleles.Span);
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(network.RowStart);
        ref int rowGene = ref MemoryMarshal.GetArrayDataReference(network.RowGene);
        ref float rowWeight = ref MemoryMarshal.GetArrayDataReference(network.RowWeight);
        ref Vector512<float> weights = ref MemoryMarshal.GetReference(scratch.Weights.Span);
        for (int link = 0; link < network.Links; link++)
        {
            Vector512<float> sum0 = default, sum1 = default, sum2 = default, sum3 = default;
            int end = Unsafe.Add(ref rowStart, link + 1);
            for (int k = Unsafe.Add(ref rowStart, link); k < end; k++)
            {
                var entry = Vector512.Create(Unsafe.Add(ref rowWeight, k));
                ref Vector512<float> x = ref Unsafe.Add(ref alleleRows, Unsafe.Add(ref rowGene, k) * Vectors);
                sum0 = Vector512.FusedMultiplyAdd(entry, x, sum0);
                sum1 = Vector512.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 1), sum1);
                sum2 = Vector512.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 2), sum2);
                sum3 = Vector512.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 3), sum3);
            }
            ref Vector512<float> w = ref Unsafe.Add(ref weights, link * Vectors);
            w = sum0;
            Unsafe.Add(ref w, 1) = sum1;
            Unsafe.Add(ref w, 2) = sum2;
            Unsafe.Add(ref w, 3) = sum3;
        }
    }

    /// <summary>
    /// Σ_s fitness(NNE_x(y_s), ℓ(y_s)) for each lane's genotype over the training set, into
    /// <see cref="Scratch.FitnessSum"/>; <see cref="ComputeWeights"/> must have run first. Vectors
    /// holding none of the first <paramref name="lanes"/> lanes are neither computed nor scored.
    /// </summary>
    public static void SumFitness<TSizes, TFitness>(NneNetwork network, int[] labels, int lanes, Scratch scratch)
        where TSizes : INneSizes
        where TFitness : struct, ISampleFitness
    {
        int classes = TSizes.Classes;
        ActiveEdges samples = scratch.Active;
        Span<Vector512<float>> logits = scratch.Logits.Span;
        Vector512<float> total0 = default, total1 = default, total2 = default, total3 = default;
        int vectors = (lanes + Vector512<float>.Count - 1) / Vector512<float>.Count;
        for (int chunk = 0; chunk < samples.Chunks; chunk++)
        {
            int length = samples.ChunkLength(chunk);
            logits.Clear();
            for (int first = 0; first < TSizes.Hidden; first += UnitsPerPass)
            {
                int units = Math.Min(UnitsPerPass, TSizes.Hidden - first);
                switch (vectors)
                {
                    case 1: GatherPass<One>(network, scratch, chunk, first, units); break;
                    case 2: GatherPass<Two>(network, scratch, chunk, first, units); break;
                    case 3: GatherPass<Three>(network, scratch, chunk, first, units); break;
                    default: GatherPass<Four>(network, scratch, chunk, first, units); break;
                }
                AddPassLogits(scratch, vectors, network.FirstLayerLinks, first, units, classes, length);
            }

            int firstSample = chunk * samples.ChunkSize;
            for (int s = 0; s < length; s++)
            {
                ReadOnlySpan<Vector512<float>> sample = logits.Slice(s * Vectors * classes, Vectors * classes);
                int label = labels[firstSample + s];
                total0 += TFitness.EvaluateLanes(sample[..classes], label);
                if (vectors > 1)
                    total1 += TFitness.EvaluateLanes(sample.Slice(classes, classes), label);
                if (vectors > 2)
                    total2 += TFitness.EvaluateLanes(sample.Slice(2 * classes, classes), label);
                if (vectors > 3)
                    total3 += TFitness.EvaluateLanes(sample.Slice(3 * classes, classes), label);
            }
        }
        Span<float> sums = scratch.FitnessSum;
        int width = Vector512<float>.Count;
        total0.CopyTo(sums);
        total1.CopyTo(sums[width..]);
        total2.CopyTo(sums[(2 * width)..]);
        total3.CopyTo(sums[(3 * width)..]);
    }

    /// <summary>How many of a block's four vectors hold genotypes, as a type so the JIT drops the unused ones' work.</summary>
    private interface IVectorCount
    {
        static abstract int Count { get; }
    }

    private readonly struct One : IVectorCount { public static int Count => 1; }
    private readonly struct Two : IVectorCount { public static int Count => 2; }
    private readonly struct Three : IVectorCount { public static int Count => 3; }
    private readonly struct Four : IVectorCount { public static int Count => 4; }

    private static void GatherPass<TVectors>(NneNetwork network, Scratch scratch, int chunk, int first, int units)
        where TVectors : struct, IVectorCount
    {
        for (int u = 0; u < units; u++)
            GatherUnit<TVectors>(network, scratch, chunk, first + u, u);
    }

    /// <summary>
    /// ReLU(Σ_i y_s(i)·w_ij) of hidden unit j for every sample of the chunk, into slot
    /// <paramref name="slot"/> of <see cref="Scratch.Hidden"/>: the unit's weights stay in L1 while
    /// each sample's active inputs (<see cref="ActiveEdges"/>) stream past.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void GatherUnit<TVectors>(NneNetwork network, Scratch scratch, int chunk, int unit, int slot)
        where TVectors : struct, IVectorCount
    {
        ActiveEdges active = scratch.Active;
        int length = active.ChunkLength(chunk);
        ref Vector512<float> weights = ref MemoryMarshal.GetReference(scratch.Weights.Span);

        // The next unit's weights follow this unit's: fetch them into L1 a few lines per sample, spread
        // over this unit's run, so the next unit does not start with a stall on every line it touches.
        // (A pointer is safe here: AlignedVectors lives on the pinned object heap.)
        int nextStart = network.UnitStart[Math.Min(unit + 1, network.Hidden)];
        int nextEnd = network.UnitStart[Math.Min(unit + 2, network.Hidden)];
        int linesPerSample = Sse.IsSupported ? ((nextEnd - nextStart) * Vectors + length - 1) / length : 0;
        byte* next = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref weights, nextStart * Vectors));
        byte* nextLast = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref weights, nextEnd * Vectors));

        int term = active.UnitChunkStart[chunk * active.Hidden + unit];
        ref Vector512<float> w = ref Unsafe.Add(ref weights, network.UnitStart[unit] * Vectors);
        ref float levelValues = ref MemoryMarshal.GetArrayDataReference(active.LevelValues);
        ref ushort link = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(active.LinkInUnit), term);
        ref byte level = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(active.Level), term);
        ref ushort count = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(active.TermCounts), active.CountsStart(chunk, unit));
        int plane = UnitsPerPass * active.ChunkSize;
        ref Vector512<float> hidden = ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch.Hidden.Span), slot * active.ChunkSize);
        for (int s = 0; s < length; s++)
        {
            for (int l = 0; l < linesPerSample && next < nextLast; l++, next += 64)
                Sse.Prefetch0(next);
            Vector512<float> sum0 = default, sum1 = default, sum2 = default, sum3 = default;
            int terms = Unsafe.Add(ref count, s);
            for (int t = 0; t < terms; t++)
            {
                var value = Vector512.Create(Unsafe.Add(ref levelValues, Unsafe.Add(ref level, t)));
                ref Vector512<float> wt = ref Unsafe.Add(ref w, Unsafe.Add(ref link, t) * Vectors);
                sum0 = Vector512.FusedMultiplyAdd(value, wt, sum0);
                if (TVectors.Count > 1)
                    sum1 = Vector512.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 1), sum1);
                if (TVectors.Count > 2)
                    sum2 = Vector512.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 2), sum2);
                if (TVectors.Count > 3)
                    sum3 = Vector512.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 3), sum3);
            }
            link = ref Unsafe.Add(ref link, terms);
            level = ref Unsafe.Add(ref level, terms);
            ref Vector512<float> h = ref Unsafe.Add(ref hidden, s);
            h = Vector512.Max(sum0, Vector512<float>.Zero); // ReLU
            if (TVectors.Count > 1)
                Unsafe.Add(ref h, plane) = Vector512.Max(sum1, Vector512<float>.Zero);
            if (TVectors.Count > 2)
                Unsafe.Add(ref h, 2 * plane) = Vector512.Max(sum2, Vector512<float>.Zero);
            if (TVectors.Count > 3)
                Unsafe.Add(ref h, 3 * plane) = Vector512.Max(sum3, Vector512<float>.Zero);
        }
    }

    /// <summary>
    /// logits[s][v][k] += Σ_{u in pass} W2[k, first + u]·h[v][u][s] for every sample of the chunk:
    /// per vector v, a (samples × units)·(units × classes) product in register tiles of 4 samples × 5
    /// classes, so each loaded weight serves four samples and each activation five classes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddPassLogits(Scratch scratch, int vectors, int firstLayerLinks, int first, int units, int classes, int length)
    {
        int sampleStride = Vectors * classes; // logits [sample][vector][class]
        int unitStride = classes * Vectors;   // output link (unit j, class k) at firstLayerLinks + j·classes + k, four vectors each
        int hiddenStride = scratch.Active.ChunkSize; // activations [vector][unit in pass][sample]
        for (int v = 0; v < vectors; v++)
        {
            ref Vector512<float> w = ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch.Weights.Span), (firstLayerLinks + first * classes) * Vectors + v);
            ref Vector512<float> h = ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch.Hidden.Span), v * UnitsPerPass * hiddenStride);
            ref Vector512<float> logits = ref Unsafe.Add(ref MemoryMarshal.GetReference(scratch.Logits.Span), v * classes);
            int s = 0;
            for (; s + 4 <= length; s += 4)
            {
                int k = 0;
                for (; k + 5 <= classes; k += 5)
                    AddTile(ref Unsafe.Add(ref w, k * Vectors), ref Unsafe.Add(ref h, s), ref Unsafe.Add(ref logits, s * sampleStride + k),
                        units, unitStride, hiddenStride, sampleStride);
                for (; k < classes; k++)
                    for (int q = s; q < s + 4; q++)
                        AddOne(ref Unsafe.Add(ref w, k * Vectors), ref Unsafe.Add(ref h, q), ref Unsafe.Add(ref logits, q * sampleStride + k),
                            units, unitStride, hiddenStride);
            }
            for (; s < length; s++)
                for (int k = 0; k < classes; k++)
                    AddOne(ref Unsafe.Add(ref w, k * Vectors), ref Unsafe.Add(ref h, s), ref Unsafe.Add(ref logits, s * sampleStride + k),
                        units, unitStride, hiddenStride);
        }
    }

    /// <summary>Four samples × five classes: 20 partial sums in registers over the pass's units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTile(ref Vector512<float> w, ref Vector512<float> h, ref Vector512<float> logits,
        int units, int unitStride, int hiddenStride, int sampleStride)
    {
        ref Vector512<float> l0 = ref logits;
        ref Vector512<float> l1 = ref Unsafe.Add(ref l0, sampleStride);
        ref Vector512<float> l2 = ref Unsafe.Add(ref l1, sampleStride);
        ref Vector512<float> l3 = ref Unsafe.Add(ref l2, sampleStride);
        Vector512<float> c00 = l0, c01 = Unsafe.Add(ref l0, 1), c02 = Unsafe.Add(ref l0, 2), c03 = Unsafe.Add(ref l0, 3), c04 = Unsafe.Add(ref l0, 4);
        Vector512<float> c10 = l1, c11 = Unsafe.Add(ref l1, 1), c12 = Unsafe.Add(ref l1, 2), c13 = Unsafe.Add(ref l1, 3), c14 = Unsafe.Add(ref l1, 4);
        Vector512<float> c20 = l2, c21 = Unsafe.Add(ref l2, 1), c22 = Unsafe.Add(ref l2, 2), c23 = Unsafe.Add(ref l2, 3), c24 = Unsafe.Add(ref l2, 4);
        Vector512<float> c30 = l3, c31 = Unsafe.Add(ref l3, 1), c32 = Unsafe.Add(ref l3, 2), c33 = Unsafe.Add(ref l3, 3), c34 = Unsafe.Add(ref l3, 4);
        for (int u = 0; u < units; u++)
        {
            ref Vector512<float> hu = ref Unsafe.Add(ref h, u * hiddenStride);
            Vector512<float> h0 = hu, h1 = Unsafe.Add(ref hu, 1), h2 = Unsafe.Add(ref hu, 2), h3 = Unsafe.Add(ref hu, 3);
            ref Vector512<float> wu = ref Unsafe.Add(ref w, u * unitStride);
            Vector512<float> w0 = wu, w1 = Unsafe.Add(ref wu, Vectors), w2 = Unsafe.Add(ref wu, 2 * Vectors),
                w3 = Unsafe.Add(ref wu, 3 * Vectors), w4 = Unsafe.Add(ref wu, 4 * Vectors);
            c00 = Vector512.FusedMultiplyAdd(w0, h0, c00); c01 = Vector512.FusedMultiplyAdd(w1, h0, c01); c02 = Vector512.FusedMultiplyAdd(w2, h0, c02);
            c03 = Vector512.FusedMultiplyAdd(w3, h0, c03); c04 = Vector512.FusedMultiplyAdd(w4, h0, c04);
            c10 = Vector512.FusedMultiplyAdd(w0, h1, c10); c11 = Vector512.FusedMultiplyAdd(w1, h1, c11); c12 = Vector512.FusedMultiplyAdd(w2, h1, c12);
            c13 = Vector512.FusedMultiplyAdd(w3, h1, c13); c14 = Vector512.FusedMultiplyAdd(w4, h1, c14);
            c20 = Vector512.FusedMultiplyAdd(w0, h2, c20); c21 = Vector512.FusedMultiplyAdd(w1, h2, c21); c22 = Vector512.FusedMultiplyAdd(w2, h2, c22);
            c23 = Vector512.FusedMultiplyAdd(w3, h2, c23); c24 = Vector512.FusedMultiplyAdd(w4, h2, c24);
            c30 = Vector512.FusedMultiplyAdd(w0, h3, c30); c31 = Vector512.FusedMultiplyAdd(w1, h3, c31); c32 = Vector512.FusedMultiplyAdd(w2, h3, c32);
            c33 = Vector512.FusedMultiplyAdd(w3, h3, c33); c34 = Vector512.FusedMultiplyAdd(w4, h3, c34);
        }
        l0 = c00; Unsafe.Add(ref l0, 1) = c01; Unsafe.Add(ref l0, 2) = c02; Unsafe.Add(ref l0, 3) = c03; Unsafe.Add(ref l0, 4) = c04;
        l1 = c10; Unsafe.Add(ref l1, 1) = c11; Unsafe.Add(ref l1, 2) = c12; Unsafe.Add(ref l1, 3) = c13; Unsafe.Add(ref l1, 4) = c14;
        l2 = c20; Unsafe.Add(ref l2, 1) = c21; Unsafe.Add(ref l2, 2) = c22; Unsafe.Add(ref l2, 3) = c23; Unsafe.Add(ref l2, 4) = c24;
        l3 = c30; Unsafe.Add(ref l3, 1) = c31; Unsafe.Add(ref l3, 2) = c32; Unsafe.Add(ref l3, 3) = c33; Unsafe.Add(ref l3, 4) = c34;
    }

    /// <summary>One sample × one class, for the classes and samples left over by the 4 × 5 tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddOne(ref Vector512<float> w, ref Vector512<float> h, ref Vector512<float> logit, int units, int unitStride, int hiddenStride)
    {
        Vector512<float> sum = logit;
        for (int u = 0; u < units; u++)
            sum = Vector512.FusedMultiplyAdd(Unsafe.Add(ref w, u * unitStride), Unsafe.Add(ref h, u * hiddenStride), sum);
        logit = sum;
    }
}
