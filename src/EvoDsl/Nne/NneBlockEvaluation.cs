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
    /// sums of a register tile are loaded and stored once per pass. The pass's activations for a chunk,
    /// 64 lanes × units × 256 samples, should be no larger than the core's L2: on the AVX-512 machine
    /// (2 MB L2) 32 units ran about 5% faster than 8; on the AVX2 one (512 KB L2) 32 units made the
    /// output product 40% slower on two threads than 8, so each width has its own.
    /// </summary>
    public static int UnitsPerPass(VectorWidth width) => VectorWidths.Resolve(width) == VectorWidth.Bits512
        ? PassUnits<Float512, Vector512<float>>()
        : PassUnits<Float256, Vector256<float>>();

    /// <summary>Lanes of one <see cref="ISampleFitness.EvaluateLanes"/> call: the logits are kept in groups of 16 lanes.</summary>
    private const int FitnessLanes = 16;

    /// <summary>Per-worker scratch for one block, allocated once, 64-byte aligned.</summary>
    public sealed class Scratch(NneNetwork network, ActiveEdges active, VectorWidth width = VectorWidth.Widest)
    {
        /// <summary>The training set's active terms, whose chunk size the buffers below are sized for.</summary>
        public readonly ActiveEdges Active = active;

        /// <summary>The vectors the kernels run on.</summary>
        public readonly VectorWidth Width = VectorWidths.Resolve(width);

        /// <summary>x(g) for every gene g: 64 lanes of 0/1 per gene.</summary>
        public readonly AlignedVectors Alleles = AlignedVectors.ForFloats(network.Genes * Lanes);

        /// <summary>w = W·x per link in unit-major order (<see cref="NneNetwork.UnitStart"/>), 64 lanes per link.</summary>
        public readonly AlignedVectors Weights = AlignedVectors.ForFloats(network.Links * Lanes);

        /// <summary>ReLU activations of one pass of units for a chunk: [vector][unit in pass][sample in chunk].</summary>
        public readonly AlignedVectors Hidden = AlignedVectors.ForFloats(Lanes * UnitsPerPass(width) * active.ChunkSize);

        /// <summary>The chunk's logits: [sample in chunk][group of 16 lanes][class][lane].</summary>
        public readonly AlignedVectors Logits = AlignedVectors.ForFloats(active.ChunkSize * Lanes * network.Classes);

        /// <summary>Per-lane fitness sums for the lanes of the block.</summary>
        public readonly float[] FitnessSum = new float[Lanes];
    }

    /// <summary>
    /// Weights w[link][lane] = Σ_g W[link, g]·x_lane(g) for up to 64 genotypes (rows of
    /// <paramref name="genotypes"/>, one byte per gene); missing lanes get weight 0.
    /// </summary>
    public static void ComputeWeights(NneNetwork network, ReadOnlySpan<byte> genotypes, int lanes, Scratch scratch)
    {
        CheckLanes(lanes);
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
    /// must have run first. Vectors holding none of the first <paramref name="lanes"/> lanes are not
    /// computed, and groups of 16 lanes holding none are not scored (a scored group's empty lanes hold
    /// zero logits and are not read back).
    /// </summary>
    public static void SumFitness<TSizes, TFitness>(NneNetwork network, int[] labels, int lanes, Scratch scratch)
        where TSizes : INneSizes
        where TFitness : struct, ISampleFitness
    {
        CheckLanes(lanes);
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
            for (int first = 0; first < TSizes.Hidden; first += PassUnits<TOps, TVector>())
            {
                int units = Math.Min(PassUnits<TOps, TVector>(), TSizes.Hidden - first);
                switch (vectors)
                {
                    case 1: GatherPass<TOps, TVector, One>(network, scratch, chunk, first, units); break;
                    case 2: GatherPass<TOps, TVector, Two>(network, scratch, chunk, first, units); break;
                    case 3: GatherPass<TOps, TVector, Three>(network, scratch, chunk, first, units); break;
                    case 4: GatherPass<TOps, TVector, Four>(network, scratch, chunk, first, units); break;
                    case 5: GatherPass<TOps, TVector, Five>(network, scratch, chunk, first, units); break;
                    case 6: GatherPass<TOps, TVector, Six>(network, scratch, chunk, first, units); break;
                    case 7: GatherPass<TOps, TVector, Seven>(network, scratch, chunk, first, units); break;
                    case 8: GatherPass<TOps, TVector, Eight>(network, scratch, chunk, first, units); break;
                    default: throw new InvalidOperationException($"{vectors} vectors of {TOps.Count} lanes for {lanes} genotypes");
                }
                AddPassLogits<TOps, TVector>(scratch, vectors, network.FirstLayerLinks, first, units, classes, length);
            }

            int firstSample = chunk * samples.ChunkSize;
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

    private static void CheckLanes(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, Lanes);
    }

    /// <summary><see cref="UnitsPerPass"/> for the kernel's width, a constant once compiled.</summary>
    private static int PassUnits<TOps, TVector>()
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct => TOps.Count == 16 ? 32 : 8;

    /// <summary>
    /// A small count as a type, so the JIT drops the work of what is not there: the vectors of a block
    /// that hold genotypes, the samples and classes of an output tile.
    /// </summary>
    private interface ICount
    {
        static abstract int Count { get; }
    }

    private readonly struct One : ICount { public static int Count => 1; }
    private readonly struct Two : ICount { public static int Count => 2; }
    private readonly struct Three : ICount { public static int Count => 3; }
    private readonly struct Four : ICount { public static int Count => 4; }
    private readonly struct Five : ICount { public static int Count => 5; }
    private readonly struct Six : ICount { public static int Count => 6; }
    private readonly struct Seven : ICount { public static int Count => 7; }
    private readonly struct Eight : ICount { public static int Count => 8; }

    private static void GatherPass<TOps, TVector, TCount>(NneNetwork network, Scratch scratch, int chunk, int first, int units)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TCount : struct, ICount
    {
        for (int u = 0; u < units; u++)
            GatherUnit<TOps, TVector, TCount>(network, scratch, chunk, first + u, u);
    }

    /// <summary>
    /// ReLU(Σ_i y_s(i)·w_ij) of hidden unit j for every sample of the chunk, into slot
    /// <paramref name="slot"/> of <see cref="Scratch.Hidden"/>: the unit's weights stay in L1 while
    /// each sample's active inputs (<see cref="ActiveEdges"/>) stream past, in the unit's order of term
    /// count (<see cref="ActiveEdges.SampleOrder"/>); each activation goes to its sample's place.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void GatherUnit<TOps, TVector, TCount>(NneNetwork network, Scratch scratch, int chunk, int unit, int slot)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TCount : struct, ICount
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
        ref ushort order = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(active.SampleOrder), active.CountsStart(chunk, unit));
        int plane = PassUnits<TOps, TVector>() * active.ChunkSize;
        ref TVector hidden = ref Unsafe.Add(ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Hidden.Floats)), slot * active.ChunkSize);
        for (int position = 0; position < length; position++)
        {
            for (int l = 0; l < linesPerSample && next < nextLast; l++, next += 64)
                Sse.Prefetch0(next);
            TVector sum0 = default, sum1 = default, sum2 = default, sum3 = default;
            TVector sum4 = default, sum5 = default, sum6 = default, sum7 = default;
            int terms = Unsafe.Add(ref count, position);
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
            ref TVector h = ref Unsafe.Add(ref hidden, Unsafe.Add(ref order, position));
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
    /// per vector v, a (samples × units)·(units × classes) product in register tiles, so each loaded
    /// weight serves several samples and each activation several classes. AVX-512's 32 registers hold
    /// 4 samples × 5 classes of partial sums; AVX2's 16 hold 3 × 4 with the three activations and a
    /// weight (measured on AVX2: 1.07 cycles per fused multiply-add against 1.4 for 2 × 5 tiles).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddPassLogits<TOps, TVector>(Scratch scratch, int vectors, int firstLayerLinks, int first, int units, int classes, int length)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int perLink = Lanes / TOps.Count;
        // Unit (weights) and Sample (logits) happen to be equal: both are a row of classes × 64 lanes.
        Strides strides = new(
            Unit: classes * perLink,                    // output link (unit j, class k) at firstLayerLinks + j·classes + k
            Class: FitnessLanes / TOps.Count,           // logits [sample][group of 16 lanes][class][lane]
            Sample: perLink * classes,
            HiddenUnit: scratch.Active.ChunkSize);      // activations [vector][unit in pass][sample]
        int tileSamples = TOps.Count == 16 ? 4 : 3;
        ref TVector weights = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Weights.Floats));
        ref TVector hidden = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Hidden.Floats));
        ref TVector allLogits = ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetReference(scratch.Logits.Floats));
        for (int v = 0; v < vectors; v++)
        {
            ref TVector w = ref Unsafe.Add(ref weights, (firstLayerLinks + first * classes) * perLink + v);
            ref TVector h = ref Unsafe.Add(ref hidden, v * PassUnits<TOps, TVector>() * strides.HiddenUnit);
            int group = v * TOps.Count / FitnessLanes, within = (v * TOps.Count % FitnessLanes) / TOps.Count;
            ref TVector logits = ref Unsafe.Add(ref allLogits, group * classes * strides.Class + within);
            int s = 0;
            for (; s + tileSamples <= length; s += tileSamples)
            {
                if (TOps.Count == 16)
                    AddSampleTile<TOps, TVector, Four>(ref w, ref Unsafe.Add(ref h, s), ref Unsafe.Add(ref logits, s * strides.Sample), units, classes, strides);
                else
                    AddSampleTile<TOps, TVector, Three>(ref w, ref Unsafe.Add(ref h, s), ref Unsafe.Add(ref logits, s * strides.Sample), units, classes, strides);
            }
            ref TVector restHidden = ref Unsafe.Add(ref h, s);
            ref TVector restLogits = ref Unsafe.Add(ref logits, s * strides.Sample);
            switch (length - s)
            {
                case 1: AddSampleTile<TOps, TVector, One>(ref w, ref restHidden, ref restLogits, units, classes, strides); break;
                case 2: AddSampleTile<TOps, TVector, Two>(ref w, ref restHidden, ref restLogits, units, classes, strides); break;
                case 3: AddSampleTile<TOps, TVector, Three>(ref w, ref restHidden, ref restLogits, units, classes, strides); break;
            }
        }
    }

    /// <summary>Distances, in vectors, between the output product's consecutive units, classes and samples.</summary>
    private readonly record struct Strides(int Unit, int Class, int Sample, int HiddenUnit);

    /// <summary>One row of tiles: <typeparamref name="TSamples"/> samples across every class.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSampleTile<TOps, TVector, TSamples>(ref TVector w, ref TVector h, ref TVector logits, int units, int classes, Strides strides)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TSamples : struct, ICount
    {
        int perLink = Lanes / TOps.Count;
        int tileClasses = TOps.Count == 16 ? 5 : 4;
        int k = 0;
        for (; k + tileClasses <= classes; k += tileClasses)
        {
            if (TOps.Count == 16)
                AddTile<TOps, TVector, TSamples, Five>(ref Unsafe.Add(ref w, k * perLink), ref h, ref Unsafe.Add(ref logits, k * strides.Class), units, strides);
            else
                AddTile<TOps, TVector, TSamples, Four>(ref Unsafe.Add(ref w, k * perLink), ref h, ref Unsafe.Add(ref logits, k * strides.Class), units, strides);
        }
        ref TVector restWeights = ref Unsafe.Add(ref w, k * perLink);
        ref TVector restLogits = ref Unsafe.Add(ref logits, k * strides.Class);
        switch (classes - k)
        {
            case 1: AddTile<TOps, TVector, TSamples, One>(ref restWeights, ref h, ref restLogits, units, strides); break;
            case 2: AddTile<TOps, TVector, TSamples, Two>(ref restWeights, ref h, ref restLogits, units, strides); break;
            case 3: AddTile<TOps, TVector, TSamples, Three>(ref restWeights, ref h, ref restLogits, units, strides); break;
            case 4: AddTile<TOps, TVector, TSamples, Four>(ref restWeights, ref h, ref restLogits, units, strides); break;
        }
    }

    /// <summary>
    /// <typeparamref name="TSamples"/> (at most 4) samples × <typeparamref name="TClasses"/> (at most 5)
    /// classes of partial sums in registers over the pass's units, loaded and stored once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTile<TOps, TVector, TSamples, TClasses>(ref TVector w, ref TVector h, ref TVector logits, int units, Strides strides)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TSamples : struct, ICount
        where TClasses : struct, ICount
    {
        int perLink = Lanes / TOps.Count, c = strides.Class;
        int rows = TSamples.Count, columns = TClasses.Count;
        ref TVector l0 = ref logits;
        ref TVector l1 = ref Unsafe.Add(ref l0, strides.Sample);
        ref TVector l2 = ref Unsafe.Add(ref l1, strides.Sample);
        ref TVector l3 = ref Unsafe.Add(ref l2, strides.Sample);
        TVector c00 = l0, c01 = columns > 1 ? Unsafe.Add(ref l0, c) : default, c02 = columns > 2 ? Unsafe.Add(ref l0, 2 * c) : default,
            c03 = columns > 3 ? Unsafe.Add(ref l0, 3 * c) : default, c04 = columns > 4 ? Unsafe.Add(ref l0, 4 * c) : default;
        TVector c10 = default, c11 = default, c12 = default, c13 = default, c14 = default;
        TVector c20 = default, c21 = default, c22 = default, c23 = default, c24 = default;
        TVector c30 = default, c31 = default, c32 = default, c33 = default, c34 = default;
        if (rows > 1)
            (c10, c11, c12, c13, c14) = Load<TVector, TClasses>(ref l1, c);
        if (rows > 2)
            (c20, c21, c22, c23, c24) = Load<TVector, TClasses>(ref l2, c);
        if (rows > 3)
            (c30, c31, c32, c33, c34) = Load<TVector, TClasses>(ref l3, c);

        ref TVector hu = ref h;
        ref TVector wu = ref w;
        for (int u = 0; u < units; u++)
        {
            TVector h0 = hu;
            TVector h1 = rows > 1 ? Unsafe.Add(ref hu, 1) : default;
            TVector h2 = rows > 2 ? Unsafe.Add(ref hu, 2) : default;
            TVector h3 = rows > 3 ? Unsafe.Add(ref hu, 3) : default;
            AddColumn<TOps, TVector, TSamples>(wu, h0, h1, h2, h3, ref c00, ref c10, ref c20, ref c30);
            if (columns > 1)
                AddColumn<TOps, TVector, TSamples>(Unsafe.Add(ref wu, perLink), h0, h1, h2, h3, ref c01, ref c11, ref c21, ref c31);
            if (columns > 2)
                AddColumn<TOps, TVector, TSamples>(Unsafe.Add(ref wu, 2 * perLink), h0, h1, h2, h3, ref c02, ref c12, ref c22, ref c32);
            if (columns > 3)
                AddColumn<TOps, TVector, TSamples>(Unsafe.Add(ref wu, 3 * perLink), h0, h1, h2, h3, ref c03, ref c13, ref c23, ref c33);
            if (columns > 4)
                AddColumn<TOps, TVector, TSamples>(Unsafe.Add(ref wu, 4 * perLink), h0, h1, h2, h3, ref c04, ref c14, ref c24, ref c34);
            hu = ref Unsafe.Add(ref hu, strides.HiddenUnit);
            wu = ref Unsafe.Add(ref wu, strides.Unit);
        }

        Store<TVector, TClasses>(ref l0, c, c00, c01, c02, c03, c04);
        if (rows > 1)
            Store<TVector, TClasses>(ref l1, c, c10, c11, c12, c13, c14);
        if (rows > 2)
            Store<TVector, TClasses>(ref l2, c, c20, c21, c22, c23, c24);
        if (rows > 3)
            Store<TVector, TClasses>(ref l3, c, c30, c31, c32, c33, c34);
    }

    /// <summary>One class's weight times each of the tile's activations, into that class's partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddColumn<TOps, TVector, TSamples>(TVector weight, TVector h0, TVector h1, TVector h2, TVector h3,
        ref TVector c0, ref TVector c1, ref TVector c2, ref TVector c3)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TSamples : struct, ICount
    {
        c0 = TOps.FusedMultiplyAdd(weight, h0, c0);
        if (TSamples.Count > 1) c1 = TOps.FusedMultiplyAdd(weight, h1, c1);
        if (TSamples.Count > 2) c2 = TOps.FusedMultiplyAdd(weight, h2, c2);
        if (TSamples.Count > 3) c3 = TOps.FusedMultiplyAdd(weight, h3, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TVector, TVector, TVector, TVector, TVector) Load<TVector, TClasses>(ref TVector row, int stride)
        where TVector : struct
        where TClasses : struct, ICount
    {
        int columns = TClasses.Count;
        return (row,
            columns > 1 ? Unsafe.Add(ref row, stride) : default,
            columns > 2 ? Unsafe.Add(ref row, 2 * stride) : default,
            columns > 3 ? Unsafe.Add(ref row, 3 * stride) : default,
            columns > 4 ? Unsafe.Add(ref row, 4 * stride) : default);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVector, TClasses>(ref TVector row, int stride, TVector c0, TVector c1, TVector c2, TVector c3, TVector c4)
        where TVector : struct
        where TClasses : struct, ICount
    {
        int columns = TClasses.Count;
        row = c0;
        if (columns > 1) Unsafe.Add(ref row, stride) = c1;
        if (columns > 2) Unsafe.Add(ref row, 2 * stride) = c2;
        if (columns > 3) Unsafe.Add(ref row, 3 * stride) = c3;
        if (columns > 4) Unsafe.Add(ref row, 4 * stride) = c4;
    }
}
