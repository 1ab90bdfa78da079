using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using EvoDsl.Kernels;

namespace EvoDsl.Nne;

/// <summary>
/// Evaluates 64 genotypes at once, one genotype per float lane: the graph, the training set and the
/// sample being processed are the same for every genotype, so one first-layer term costs one fused
/// multiply-add per hardware vector of lanes (8 of <see cref="Vector256{T}"/>, or 4 of
/// <see cref="Vector512{T}"/> where the machine has AVX-512; <see cref="VectorWidth"/>).
/// <para>
/// The samples go through in chunks (<see cref="ActiveEdges"/>). For one chunk, each hidden unit in
/// turn runs over the chunk's samples with its own weights, 64 lanes × ~78 links = 20 KB, kept in L1:
/// only a sample's nonzero pixels cost anything, and the weights are fetched once per chunk rather
/// than once per sample. Every <see cref="UnitsPerPass"/> units the chunk's logits take those units'
/// activations as a small matrix product whose partial sums stay in registers.
/// </para>
/// Each lane computes what it would alone, summing a unit's inputs in ascending order and the logits
/// over units in ascending order, so a genotype's δ depends neither on its block, nor on the thread
/// count, nor on the vector width.
/// </summary>
public static class NneBlockEvaluation
{
    /// <summary>Genotypes per block.</summary>
    public const int Lanes = 64;

    /// <summary>
    /// Hidden units whose activations are gathered before they are added into the logits: the partial
    /// sums of a register tile are loaded and stored once per pass (measured: 32 about 5% faster than 8).
    /// </summary>
    public const int UnitsPerPass = 32;

    /// <summary>Lanes of one <see cref="ISampleFitness.EvaluateLanes"/> call: the logits are kept in groups of 16 lanes.</summary>
    private const int FitnessLanes = 16;

    private const int FitnessGroups = Lanes / FitnessLanes;

    /// <summary>Per-worker scratch for one block, allocated once, 64-byte aligned.</summary>
    public sealed class Scratch(NneNetwork network, ActiveEdges active, VectorWidth width = VectorWidth.Widest)
    {
        /// <summary>The training set's active terms, whose chunk size the buffers below are sized for.</summary>
        public readonly ActiveEdges Active = active;

        /// <summary>The vectors the kernels run on.</summary>
        public readonly VectorWidth Width = VectorWidths.Resolve(width);

        /// <summary>x(g) for every gene g: 64 lanes of 0/1 per gene.</summary>
        public readonly AlignedVectors Alleles = new(network.Genes * FitnessGroups);

        /// <summary>w = W·x per link in unit-major order (<see cref="NneNetwork.UnitStart"/>), 64 lanes per link.</summary>
        public readonly AlignedVectors Weights = new(network.Links * FitnessGroups);

        /// <summary>ReLU activations of one pass of units for a chunk: [vector][unit in pass][sample in chunk].</summary>
        public readonly AlignedVectors Hidden = new(FitnessGroups * UnitsPerPass * active.ChunkSize);

        /// <summary>The chunk's logits: [sample in chunk][group of 16 lanes][class][lane].</summary>
        public readonly AlignedVectors Logits = new(active.ChunkSize * FitnessGroups * network.Classes);

        /// <summary>Per-lane fitness sums for the lanes of the block.</summary>
        public readonly float[] FitnessSum = new float[Lanes];
    }

    /// <summary>
    /// Weights w[link][lane] = Σ_g W[link, g]·x_lane(g) for up to 64 genotypes (rows of
    /// <paramref name="genotypes"/>, one byte per gene); missing lanes get weight 0.
    /// </summary>
    public static void ComputeWeights(NneNetwork network, ReadOnlySpan<byte> genotypes, int lanes, Scratch scratch)
    {
        int genes = network.Genes;
        Span<float> alleles = scratch.Alleles.Floats;
        alleles.Clear();
        for (int lane = 0; lane < lanes; lane++)
        {
            ReadOnlySpan<byte> genotype = genotypes.Slice(lane * genes, genes);
            for (int g = 0; g < genes; g++)
                alleles[g * Lanes + lane] = genotype[g];
        }

        if (scratch.Width == VectorWidth.Bits512)
            ComputeWeights<Float512, Vector512<float>>(network, scratch);
        else
            ComputeWeights<Float256, Vector256<float>>(network, scratch);
    }

    private static void ComputeWeights<TOps, TVector>(NneNetwork network, Scratch scratch)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int vectors = Lanes / TOps.Count;
        ref TVector alleleRows = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Alleles.Floats));
        ref TVector weights = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Weights.Floats));
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(network.RowStart);
        ref int rowGene = ref MemoryMarshal.GetArrayDataReference(network.RowGene);
        ref float rowWeight = ref MemoryMarshal.GetArrayDataReference(network.RowWeight);
        for (int link = 0; link < network.Links; link++)
        {
            TVector sum0 = default, sum1 = default, sum2 = default, sum3 = default;
            TVector sum4 = default, sum5 = default, sum6 = default, sum7 = default;
            int end = Unsafe.Add(ref rowStart, link + 1);
            for (int k = Unsafe.Add(ref rowStart, link); k < end; k++)
            {
                TVector entry = TOps.Broadcast(Unsafe.Add(ref rowWeight, k));
                ref TVector x = ref Unsafe.Add(ref alleleRows, Unsafe.Add(ref rowGene, k) * vectors);
                sum0 = TOps.FusedMultiplyAdd(entry, x, sum0);
                sum1 = TOps.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 1), sum1);
                sum2 = TOps.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 2), sum2);
                sum3 = TOps.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 3), sum3);
                if (vectors > 4)
                {
                    sum4 = TOps.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 4), sum4);
                    sum5 = TOps.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 5), sum5);
                    sum6 = TOps.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 6), sum6);
                    sum7 = TOps.FusedMultiplyAdd(entry, Unsafe.Add(ref x, 7), sum7);
                }
            }
            ref TVector w = ref Unsafe.Add(ref weights, link * vectors);
            w = sum0;
            Unsafe.Add(ref w, 1) = sum1;
            Unsafe.Add(ref w, 2) = sum2;
            Unsafe.Add(ref w, 3) = sum3;
            if (vectors > 4)
            {
                Unsafe.Add(ref w, 4) = sum4;
                Unsafe.Add(ref w, 5) = sum5;
                Unsafe.Add(ref w, 6) = sum6;
                Unsafe.Add(ref w, 7) = sum7;
            }
        }
    }

    /// <summary>
    /// Σ_s fitness(NNE_x(y_s), ℓ(y_s)) for each lane's genotype over the training set, into
    /// <see cref="Scratch.FitnessSum"/>; <see cref="ComputeWeights(NneNetwork, ReadOnlySpan{byte}, int, Scratch)"/>
    /// must have run first. Vectors holding none of the first <paramref name="lanes"/> lanes are
    /// neither computed nor scored.
    /// </summary>
    public static void SumFitness<TSizes, TFitness>(NneNetwork network, int[] labels, int lanes, Scratch scratch)
        where TSizes : INneSizes
        where TFitness : struct, ISampleFitness
    {
        if (scratch.Width == VectorWidth.Bits512)
            SumFitness<TSizes, TFitness, Float512, Vector512<float>>(network, labels, lanes, scratch);
        else
            SumFitness<TSizes, TFitness, Float256, Vector256<float>>(network, labels, lanes, scratch);
    }

    private static void SumFitness<TSizes, TFitness, TOps, TVector>(NneNetwork network, int[] labels, int lanes, Scratch scratch)
        where TSizes : INneSizes
        where TFitness : struct, ISampleFitness
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int classes = TSizes.Classes;
        ActiveEdges samples = scratch.Active;
        Span<float> logits = scratch.Logits.Floats;
        Vector512<float> total0 = default, total1 = default, total2 = default, total3 = default;
        int vectors = (lanes + TOps.Count - 1) / TOps.Count;
        int groups = (lanes + FitnessLanes - 1) / FitnessLanes;
        for (int chunk = 0; chunk < samples.Chunks; chunk++)
        {
            int length = samples.ChunkLength(chunk);
            logits.Clear();
            for (int first = 0; first < TSizes.Hidden; first += UnitsPerPass)
            {
                int units = Math.Min(UnitsPerPass, TSizes.Hidden - first);
                switch (vectors)
                {
                    case 1: GatherPass<TOps, TVector, One>(network, scratch, chunk, first, units); break;
                    case 2: GatherPass<TOps, TVector, Two>(network, scratch, chunk, first, units); break;
                    case 3: GatherPass<TOps, TVector, Three>(network, scratch, chunk, first, units); break;
                    case 4: GatherPass<TOps, TVector, Four>(network, scratch, chunk, first, units); break;
                    case 5: GatherPass<TOps, TVector, Five>(network, scratch, chunk, first, units); break;
                    case 6: GatherPass<TOps, TVector, Six>(network, scratch, chunk, first, units); break;
                    case 7: GatherPass<TOps, TVector, Seven>(network, scratch, chunk, first, units); break;
                    default: GatherPass<TOps, TVector, Eight>(network, scratch, chunk, first, units); break;
                }
                AddPassLogits<TOps, TVector>(scratch, vectors, network.FirstLayerLinks, first, units, classes, length);
            }

            int firstSample = chunk * samples.ChunkSize;
            int group = FitnessLanes * classes;
            for (int s = 0; s < length; s++)
            {
                ReadOnlySpan<Vector512<float>> sample = MemoryMarshal.Cast<float, Vector512<float>>(logits.Slice(s * Lanes * classes, Lanes * classes));
                int label = labels[firstSample + s];
                total0 += TFitness.EvaluateLanes(sample[..classes], label);
                if (groups > 1)
                    total1 += TFitness.EvaluateLanes(sample.Slice(classes, classes), label);
                if (groups > 2)
                    total2 += TFitness.EvaluateLanes(sample.Slice(2 * classes, classes), label);
                if (groups > 3)
                    total3 += TFitness.EvaluateLanes(sample.Slice(3 * classes, classes), label);
            }
        }
        Span<float> sums = scratch.FitnessSum;
        total0.CopyTo(sums);
        total1.CopyTo(sums[FitnessLanes..]);
        total2.CopyTo(sums[(2 * FitnessLanes)..]);
        total3.CopyTo(sums[(3 * FitnessLanes)..]);
    }

    /// <summary>How many of a block's vectors hold genotypes, as a type so the JIT drops the unused ones' work.</summary>
    private interface IVectorCount
    {
        static abstract int Count { get; }
    }

    private readonly struct One : IVectorCount { public static int Count => 1; }
    private readonly struct Two : IVectorCount { public static int Count => 2; }
    private readonly struct Three : IVectorCount { public static int Count => 3; }
    private readonly struct Four : IVectorCount { public static int Count => 4; }
    private readonly struct Five : IVectorCount { public static int Count => 5; }
    private readonly struct Six : IVectorCount { public static int Count => 6; }
    private readonly struct Seven : IVectorCount { public static int Count => 7; }
    private readonly struct Eight : IVectorCount { public static int Count => 8; }

    private static void GatherPass<TOps, TVector, TCount>(NneNetwork network, Scratch scratch, int chunk, int first, int units)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TCount : struct, IVectorCount
    {
        for (int u = 0; u < units; u++)
            GatherUnit<TOps, TVector, TCount>(network, scratch, chunk, first + u, u);
    }

    /// <summary>
    /// ReLU(Σ_i y_s(i)·w_ij) of hidden unit j for every sample of the chunk, into slot
    /// <paramref name="slot"/> of <see cref="Scratch.Hidden"/>: the unit's weights stay in L1 while
    /// each sample's active inputs (<see cref="ActiveEdges"/>) stream past.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void GatherUnit<TOps, TVector, TCount>(NneNetwork network, Scratch scratch, int chunk, int unit, int slot)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TCount : struct, IVectorCount
    {
        int vectors = Lanes / TOps.Count;
        ActiveEdges active = scratch.Active;
        int length = active.ChunkLength(chunk);
        ref TVector weights = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Weights.Floats));

        // The next unit's weights follow this unit's: fetch them into L1 a few lines per sample, spread
        // over this unit's run, so the next unit does not start with a stall on every line it touches.
        // (A pointer is safe here: AlignedVectors lives on the pinned object heap.)
        const int linesPerLink = Lanes * sizeof(float) / 64;
        int nextStart = network.UnitStart[Math.Min(unit + 1, network.Hidden)];
        int nextEnd = network.UnitStart[Math.Min(unit + 2, network.Hidden)];
        int linesPerSample = Sse.IsSupported ? ((nextEnd - nextStart) * linesPerLink + length - 1) / length : 0;
        byte* next = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref weights, nextStart * vectors));
        byte* nextLast = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref weights, nextEnd * vectors));

        int term = active.UnitChunkStart[chunk * active.Hidden + unit];
        ref TVector w = ref Unsafe.Add(ref weights, network.UnitStart[unit] * vectors);
        ref ushort link = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(active.LinkInUnit), term);
        ref float pixel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(active.Value), term);
        ref ushort count = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(active.TermCounts), active.CountsStart(chunk, unit));
        int plane = UnitsPerPass * active.ChunkSize;
        ref TVector hidden = ref Unsafe.Add(ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Hidden.Floats)), slot * active.ChunkSize);
        for (int s = 0; s < length; s++)
        {
            for (int l = 0; l < linesPerSample && next < nextLast; l++, next += 64)
                Sse.Prefetch0(next);
            TVector sum0 = default, sum1 = default, sum2 = default, sum3 = default;
            TVector sum4 = default, sum5 = default, sum6 = default, sum7 = default;
            int terms = Unsafe.Add(ref count, s);
            for (int t = 0; t < terms; t++)
            {
                TVector value = TOps.Broadcast(Unsafe.Add(ref pixel, t));
                ref TVector wt = ref Unsafe.Add(ref w, Unsafe.Add(ref link, t) * vectors);
                sum0 = TOps.FusedMultiplyAdd(value, wt, sum0);
                if (TCount.Count > 1)
                    sum1 = TOps.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 1), sum1);
                if (TCount.Count > 2)
                    sum2 = TOps.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 2), sum2);
                if (TCount.Count > 3)
                    sum3 = TOps.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 3), sum3);
                if (TCount.Count > 4)
                    sum4 = TOps.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 4), sum4);
                if (TCount.Count > 5)
                    sum5 = TOps.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 5), sum5);
                if (TCount.Count > 6)
                    sum6 = TOps.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 6), sum6);
                if (TCount.Count > 7)
                    sum7 = TOps.FusedMultiplyAdd(value, Unsafe.Add(ref wt, 7), sum7);
            }
            link = ref Unsafe.Add(ref link, terms);
            pixel = ref Unsafe.Add(ref pixel, terms);
            ref TVector h = ref Unsafe.Add(ref hidden, s);
            h = TOps.ReLU(sum0);
            if (TCount.Count > 1)
                Unsafe.Add(ref h, plane) = TOps.ReLU(sum1);
            if (TCount.Count > 2)
                Unsafe.Add(ref h, 2 * plane) = TOps.ReLU(sum2);
            if (TCount.Count > 3)
                Unsafe.Add(ref h, 3 * plane) = TOps.ReLU(sum3);
            if (TCount.Count > 4)
                Unsafe.Add(ref h, 4 * plane) = TOps.ReLU(sum4);
            if (TCount.Count > 5)
                Unsafe.Add(ref h, 5 * plane) = TOps.ReLU(sum5);
            if (TCount.Count > 6)
                Unsafe.Add(ref h, 6 * plane) = TOps.ReLU(sum6);
            if (TCount.Count > 7)
                Unsafe.Add(ref h, 7 * plane) = TOps.ReLU(sum7);
        }
    }

    /// <summary>
    /// logits[s][v][k] += Σ_{u in pass} W2[k, first + u]·h[v][u][s] for every sample of the chunk:
    /// per vector v, a (samples × units)·(units × classes) product in register tiles of samples × 5
    /// classes (4 samples with 32 registers of 512 bits, 2 with 16 of 256), so each loaded weight serves
    /// several samples and each activation five classes.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddPassLogits<TOps, TVector>(Scratch scratch, int vectors, int firstLayerLinks, int first, int units, int classes, int length)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int perLink = Lanes / TOps.Count;
        int tileSamples = TOps.Count == 16 ? 4 : 2;
        int classStride = FitnessLanes / TOps.Count;      // logits [sample][group of 16 lanes][class][lane]
        int sampleStride = perLink * classes;
        int unitStride = classes * perLink;                // output link (unit j, class k) at firstLayerLinks + j·classes + k
        int hiddenStride = scratch.Active.ChunkSize;       // activations [vector][unit in pass][sample]
        ref TVector weights = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Weights.Floats));
        ref TVector hidden = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Hidden.Floats));
        ref TVector allLogits = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Logits.Floats));
        for (int v = 0; v < vectors; v++)
        {
            ref TVector w = ref Unsafe.Add(ref weights, (firstLayerLinks + first * classes) * perLink + v);
            ref TVector h = ref Unsafe.Add(ref hidden, v * UnitsPerPass * hiddenStride);
            int group = v * TOps.Count / FitnessLanes, within = v * TOps.Count % FitnessLanes / TOps.Count;
            ref TVector logits = ref Unsafe.Add(ref allLogits, group * classes * classStride + within);
            int s = 0;
            for (; s + tileSamples <= length; s += tileSamples)
            {
                int k = 0;
                for (; k + 5 <= classes; k += 5)
                {
                    ref TVector tileLogits = ref Unsafe.Add(ref logits, s * sampleStride + k * classStride);
                    if (TOps.Count == 16)
                        AddTile4x5<TOps, TVector>(ref Unsafe.Add(ref w, k * perLink), ref Unsafe.Add(ref h, s), ref tileLogits,
                            units, unitStride, hiddenStride, sampleStride, classStride);
                    else
                        AddTile2x5<TOps, TVector>(ref Unsafe.Add(ref w, k * perLink), ref Unsafe.Add(ref h, s), ref tileLogits,
                            units, unitStride, hiddenStride, sampleStride, classStride);
                }
                for (; k < classes; k++)
                    for (int q = s; q < s + tileSamples; q++)
                        AddOne<TOps, TVector>(ref Unsafe.Add(ref w, k * perLink), ref Unsafe.Add(ref h, q),
                            ref Unsafe.Add(ref logits, q * sampleStride + k * classStride), units, unitStride, hiddenStride);
            }
            for (; s < length; s++)
                for (int k = 0; k < classes; k++)
                    AddOne<TOps, TVector>(ref Unsafe.Add(ref w, k * perLink), ref Unsafe.Add(ref h, s),
                        ref Unsafe.Add(ref logits, s * sampleStride + k * classStride), units, unitStride, hiddenStride);
        }
    }

    /// <summary>Four samples × five classes: 20 partial sums in registers over the pass's units (AVX-512's 32 registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTile4x5<TOps, TVector>(ref TVector w, ref TVector h, ref TVector logits,
        int units, int unitStride, int hiddenStride, int sampleStride, int classStride)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int perLink = Lanes / TOps.Count;
        ref TVector l0 = ref logits;
        ref TVector l1 = ref Unsafe.Add(ref l0, sampleStride);
        ref TVector l2 = ref Unsafe.Add(ref l1, sampleStride);
        ref TVector l3 = ref Unsafe.Add(ref l2, sampleStride);
        TVector c00 = l0, c01 = Unsafe.Add(ref l0, classStride), c02 = Unsafe.Add(ref l0, 2 * classStride), c03 = Unsafe.Add(ref l0, 3 * classStride), c04 = Unsafe.Add(ref l0, 4 * classStride);
        TVector c10 = l1, c11 = Unsafe.Add(ref l1, classStride), c12 = Unsafe.Add(ref l1, 2 * classStride), c13 = Unsafe.Add(ref l1, 3 * classStride), c14 = Unsafe.Add(ref l1, 4 * classStride);
        TVector c20 = l2, c21 = Unsafe.Add(ref l2, classStride), c22 = Unsafe.Add(ref l2, 2 * classStride), c23 = Unsafe.Add(ref l2, 3 * classStride), c24 = Unsafe.Add(ref l2, 4 * classStride);
        TVector c30 = l3, c31 = Unsafe.Add(ref l3, classStride), c32 = Unsafe.Add(ref l3, 2 * classStride), c33 = Unsafe.Add(ref l3, 3 * classStride), c34 = Unsafe.Add(ref l3, 4 * classStride);
        for (int u = 0; u < units; u++)
        {
            ref TVector hu = ref Unsafe.Add(ref h, u * hiddenStride);
            TVector h0 = hu, h1 = Unsafe.Add(ref hu, 1), h2 = Unsafe.Add(ref hu, 2), h3 = Unsafe.Add(ref hu, 3);
            ref TVector wu = ref Unsafe.Add(ref w, u * unitStride);
            TVector w0 = wu, w1 = Unsafe.Add(ref wu, perLink), w2 = Unsafe.Add(ref wu, 2 * perLink),
                w3 = Unsafe.Add(ref wu, 3 * perLink), w4 = Unsafe.Add(ref wu, 4 * perLink);
            c00 = TOps.FusedMultiplyAdd(w0, h0, c00); c01 = TOps.FusedMultiplyAdd(w1, h0, c01); c02 = TOps.FusedMultiplyAdd(w2, h0, c02);
            c03 = TOps.FusedMultiplyAdd(w3, h0, c03); c04 = TOps.FusedMultiplyAdd(w4, h0, c04);
            c10 = TOps.FusedMultiplyAdd(w0, h1, c10); c11 = TOps.FusedMultiplyAdd(w1, h1, c11); c12 = TOps.FusedMultiplyAdd(w2, h1, c12);
            c13 = TOps.FusedMultiplyAdd(w3, h1, c13); c14 = TOps.FusedMultiplyAdd(w4, h1, c14);
            c20 = TOps.FusedMultiplyAdd(w0, h2, c20); c21 = TOps.FusedMultiplyAdd(w1, h2, c21); c22 = TOps.FusedMultiplyAdd(w2, h2, c22);
            c23 = TOps.FusedMultiplyAdd(w3, h2, c23); c24 = TOps.FusedMultiplyAdd(w4, h2, c24);
            c30 = TOps.FusedMultiplyAdd(w0, h3, c30); c31 = TOps.FusedMultiplyAdd(w1, h3, c31); c32 = TOps.FusedMultiplyAdd(w2, h3, c32);
            c33 = TOps.FusedMultiplyAdd(w3, h3, c33); c34 = TOps.FusedMultiplyAdd(w4, h3, c34);
        }
        l0 = c00; Unsafe.Add(ref l0, classStride) = c01; Unsafe.Add(ref l0, 2 * classStride) = c02; Unsafe.Add(ref l0, 3 * classStride) = c03; Unsafe.Add(ref l0, 4 * classStride) = c04;
        l1 = c10; Unsafe.Add(ref l1, classStride) = c11; Unsafe.Add(ref l1, 2 * classStride) = c12; Unsafe.Add(ref l1, 3 * classStride) = c13; Unsafe.Add(ref l1, 4 * classStride) = c14;
        l2 = c20; Unsafe.Add(ref l2, classStride) = c21; Unsafe.Add(ref l2, 2 * classStride) = c22; Unsafe.Add(ref l2, 3 * classStride) = c23; Unsafe.Add(ref l2, 4 * classStride) = c24;
        l3 = c30; Unsafe.Add(ref l3, classStride) = c31; Unsafe.Add(ref l3, 2 * classStride) = c32; Unsafe.Add(ref l3, 3 * classStride) = c33; Unsafe.Add(ref l3, 4 * classStride) = c34;
    }

    /// <summary>Two samples × five classes: 10 partial sums, 2 activations and a weight in AVX2's 16 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTile2x5<TOps, TVector>(ref TVector w, ref TVector h, ref TVector logits,
        int units, int unitStride, int hiddenStride, int sampleStride, int classStride)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int perLink = Lanes / TOps.Count;
        ref TVector l0 = ref logits;
        ref TVector l1 = ref Unsafe.Add(ref l0, sampleStride);
        TVector c00 = l0, c01 = Unsafe.Add(ref l0, classStride), c02 = Unsafe.Add(ref l0, 2 * classStride), c03 = Unsafe.Add(ref l0, 3 * classStride), c04 = Unsafe.Add(ref l0, 4 * classStride);
        TVector c10 = l1, c11 = Unsafe.Add(ref l1, classStride), c12 = Unsafe.Add(ref l1, 2 * classStride), c13 = Unsafe.Add(ref l1, 3 * classStride), c14 = Unsafe.Add(ref l1, 4 * classStride);
        for (int u = 0; u < units; u++)
        {
            ref TVector hu = ref Unsafe.Add(ref h, u * hiddenStride);
            TVector h0 = hu, h1 = Unsafe.Add(ref hu, 1);
            ref TVector wu = ref Unsafe.Add(ref w, u * unitStride);
            TVector w0 = wu;
            c00 = TOps.FusedMultiplyAdd(w0, h0, c00); c10 = TOps.FusedMultiplyAdd(w0, h1, c10);
            TVector w1 = Unsafe.Add(ref wu, perLink);
            c01 = TOps.FusedMultiplyAdd(w1, h0, c01); c11 = TOps.FusedMultiplyAdd(w1, h1, c11);
            TVector w2 = Unsafe.Add(ref wu, 2 * perLink);
            c02 = TOps.FusedMultiplyAdd(w2, h0, c02); c12 = TOps.FusedMultiplyAdd(w2, h1, c12);
            TVector w3 = Unsafe.Add(ref wu, 3 * perLink);
            c03 = TOps.FusedMultiplyAdd(w3, h0, c03); c13 = TOps.FusedMultiplyAdd(w3, h1, c13);
            TVector w4 = Unsafe.Add(ref wu, 4 * perLink);
            c04 = TOps.FusedMultiplyAdd(w4, h0, c04); c14 = TOps.FusedMultiplyAdd(w4, h1, c14);
        }
        l0 = c00; Unsafe.Add(ref l0, classStride) = c01; Unsafe.Add(ref l0, 2 * classStride) = c02; Unsafe.Add(ref l0, 3 * classStride) = c03; Unsafe.Add(ref l0, 4 * classStride) = c04;
        l1 = c10; Unsafe.Add(ref l1, classStride) = c11; Unsafe.Add(ref l1, 2 * classStride) = c12; Unsafe.Add(ref l1, 3 * classStride) = c13; Unsafe.Add(ref l1, 4 * classStride) = c14;
    }

    /// <summary>One sample × one class, for the classes and samples left over by the tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddOne<TOps, TVector>(ref TVector w, ref TVector h, ref TVector logit, int units, int unitStride, int hiddenStride)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        TVector sum = logit;
        for (int u = 0; u < units; u++)
            sum = TOps.FusedMultiplyAdd(Unsafe.Add(ref w, u * unitStride), Unsafe.Add(ref h, u * hiddenStride), sum);
        logit = sum;
    }
}
