namespace EvoDsl.Nne;

using EvoDsl.Kernels;

/// <summary>
/// The fixed structure of an NNE experiment (SPEC §1): the sparse random input→hidden graph and the
/// sparse weight generation matrix W (m links × n genes), both drawn once from the seed.
/// Links are numbered first-layer edges first, grouped by hidden tile (blocks of
/// <see cref="TileSize"/> hidden units), then by input pixel, then by hidden unit; then the dense
/// hidden→output block row-major by output. W is drawn in this order and the scalar forward pass reads
/// it. The population evaluation reads the links in a second order, <see cref="UnitStart"/>: by hidden
/// unit, so that one unit's weights stay in L1.
/// </summary>
public sealed class NneNetwork
{
    /// <summary>
    /// Hidden units per tile of the drawing order by default, which the scalar forward pass follows. W is
    /// drawn link by link in this order, so changing it would give every seed a different network.
    /// </summary>
    public const int DefaultTileSize = 128;

    private NneNetwork(int inputs, int hidden, int classes, int genes, int tileSize, int[] edgeStart, int[] edgeTarget,
        int[] geneStart, int[] geneLink, float[] geneWeight, float firstLayerScale, float outputLayerScale)
    {
        Inputs = inputs;
        Hidden = hidden;
        Classes = classes;
        Genes = genes;
        TileSize = tileSize;
        EdgeStart = edgeStart;
        EdgeTarget = edgeTarget;
        GeneStart = geneStart;
        GeneLink = geneLink;
        GeneWeight = geneWeight;
        FirstLayerScale = firstLayerScale;
        OutputLayerScale = outputLayerScale;
        (UnitStart, UnitInput, UnitOrderLink) = UnitMajorOrder();
        (RowStart, RowGene, RowWeight) = RowsInUnitOrder();
    }

    public int Inputs { get; }
    public int Hidden { get; }
    public int Classes { get; }
    public int Genes { get; }

    /// <summary>Hidden units per tile; a tile as wide as the layer gives plain pixel-major links.</summary>
    public int TileSize { get; }

    /// <summary>Number of hidden tiles, ⌈Hidden / TileSize⌉.</summary>
    public int Tiles => (Hidden + TileSize - 1) / TileSize;

    /// <summary>First-layer links from input i into tile t are [EdgeStart[t·Inputs + i], EdgeStart[t·Inputs + i + 1]).</summary>
    public int[] EdgeStart { get; }

    /// <summary>The hidden unit each first-layer link feeds.</summary>
    public int[] EdgeTarget { get; }

    /// <summary>Column g of W (gene-major) holds entries [GeneStart[g], GeneStart[g+1]) of GeneLink / GeneWeight.</summary>
    public int[] GeneStart { get; }
    public int[] GeneLink { get; }

    /// <summary>W's entries, Uniform[-1, 1], already multiplied by their layer's weight scale.</summary>
    public float[] GeneWeight { get; }

    /// <summary>
    /// The unit-major link order of the population evaluation: first-layer links by hidden unit, then
    /// by input (ascending), unit j's being positions [UnitStart[j], UnitStart[j+1]); then the output
    /// links by hidden unit, then by class (position FirstLayerLinks + j·Classes + k).
    /// </summary>
    public int[] UnitStart { get; }

    /// <summary>The input pixel of each first-layer link in unit-major order.</summary>
    public int[] UnitInput { get; }

    /// <summary>The link (in the drawing order above) at each unit-major position.</summary>
    public int[] UnitOrderLink { get; }

    /// <summary>Row r of W in unit-major order: entries [RowStart[r], RowStart[r+1]) of RowGene / RowWeight.</summary>
    public int[] RowStart { get; }
    public int[] RowGene { get; }
    public float[] RowWeight { get; }

    public float FirstLayerScale { get; }
    public float OutputLayerScale { get; }

    public int FirstLayerLinks => EdgeTarget.Length;
    public int Links => EdgeTarget.Length + Hidden * Classes;

    /// <summary>
    /// Draws the graph and W. The weight scale is fan-in based: a link's weight is (W·x)·s with
    /// s = gain / sqrt(fanIn · βn / 3), so with every allele present and gain 1 each weight has variance
    /// 1/fanIn (LeCun's initialisation); without it logits are O(100) and every loss saturates.
    /// </summary>
    public static NneNetwork Create(int inputs, int hidden, int classes, double edgeProbability,
        int genes, double geneDensity, double weightGain, ulong seed, int tileSize = DefaultTileSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 1);
        // Draw the graph pixel by pixel (targets ascending), then lay it out tile-major.
        var edges = new SplitMix64(Streams.Key(seed, Streams.EdgeGraph));
        var pixelStart = new int[inputs + 1];
        var drawn = new List<int>((int)(inputs * hidden * edgeProbability * 1.1) + 16);
        for (int i = 0; i < inputs; i++)
        {
            pixelStart[i] = drawn.Count;
            for (int j = NextOccurrence(ref edges, -1, edgeProbability); j < hidden; j = NextOccurrence(ref edges, j, edgeProbability))
                drawn.Add(j);
        }
        pixelStart[inputs] = drawn.Count;

        int tiles = (hidden + tileSize - 1) / tileSize;
        var edgeStart = new int[tiles * inputs + 1];
        var targets = new int[drawn.Count];
        int next = 0;
        for (int t = 0; t < tiles; t++)
        {
            for (int i = 0; i < inputs; i++)
            {
                edgeStart[t * inputs + i] = next;
                for (int e = pixelStart[i]; e < pixelStart[i + 1]; e++)
                    if (drawn[e] / tileSize == t)
                        targets[next++] = drawn[e];
            }
        }
        edgeStart[tiles * inputs] = next;
        int firstLayerLinks = targets.Length;
        int links = firstLayerLinks + hidden * classes;

        double expectedGenesPerLink = Math.Max(geneDensity * genes, double.Epsilon);
        float firstScale = (float)(weightGain / Math.Sqrt(Math.Max(inputs * edgeProbability, 1) * expectedGenesPerLink / 3));
        float outputScale = (float)(weightGain / Math.Sqrt(hidden * expectedGenesPerLink / 3));

        var map = new SplitMix64(Streams.Key(seed, Streams.GeneMap));
        var geneStart = new int[genes + 1];
        var geneLink = new List<int>((int)(links * genes * geneDensity * 1.1) + 16);
        var geneWeight = new List<float>(geneLink.Capacity);
        for (int g = 0; g < genes; g++)
        {
            geneStart[g] = geneLink.Count;
            for (int link = NextOccurrence(ref map, -1, geneDensity); link < links; link = NextOccurrence(ref map, link, geneDensity))
            {
                float entry = 2f * map.NextFloat() - 1f;
                geneLink.Add(link);
                geneWeight.Add(entry * (link < firstLayerLinks ? firstScale : outputScale));
            }
        }
        geneStart[genes] = geneLink.Count;

        return new NneNetwork(inputs, hidden, classes, genes, tileSize, edgeStart, targets,
            geneStart, geneLink.ToArray(), geneWeight.ToArray(), firstScale, outputScale);
    }

    /// <summary>
    /// Lists each hidden unit's incoming links by input, then the output links unit by unit. Within a
    /// unit the inputs ascend, as in the scalar forward pass, so both sum a unit's inputs in one order.
    /// </summary>
    private (int[] Start, int[] Input, int[] Link) UnitMajorOrder()
    {
        var start = new int[Hidden + 1];
        foreach (int target in EdgeTarget)
            start[target + 1]++;
        for (int j = 0; j < Hidden; j++)
            start[j + 1] += start[j];
        var fill = (int[])start.Clone();
        var input = new int[FirstLayerLinks];
        var link = new int[Links];
        for (int i = 0; i < Inputs; i++) // inputs ascending, so each unit's list is sorted by input
        {
            for (int tile = 0; tile < Tiles; tile++)
            {
                for (int e = EdgeStart[tile * Inputs + i]; e < EdgeStart[tile * Inputs + i + 1]; e++)
                {
                    int slot = fill[EdgeTarget[e]]++;
                    input[slot] = i;
                    link[slot] = e;
                }
            }
        }
        for (int j = 0; j < Hidden; j++)
            for (int k = 0; k < Classes; k++)
                link[FirstLayerLinks + j * Classes + k] = FirstLayerLinks + k * Hidden + j;
        return (start, input, link);
    }

    /// <summary>W stored by link (row) in unit-major order, for computing many genotypes' weights at once.</summary>
    private (int[] Start, int[] Gene, float[] Weight) RowsInUnitOrder()
    {
        var position = new int[Links];
        for (int r = 0; r < Links; r++)
            position[UnitOrderLink[r]] = r;
        var start = new int[Links + 1];
        foreach (int link in GeneLink)
            start[position[link] + 1]++;
        for (int r = 0; r < Links; r++)
            start[r + 1] += start[r];
        var fill = (int[])start.Clone();
        var gene = new int[GeneLink.Length];
        var weight = new float[GeneLink.Length];
        for (int g = 0; g < Genes; g++)
        {
            for (int k = GeneStart[g]; k < GeneStart[g + 1]; k++)
            {
                int slot = fill[position[GeneLink[k]]]++;
                gene[slot] = g;
                weight[slot] = GeneWeight[k];
            }
        }
        return (start, gene, weight);
    }

    /// <summary>w = W·c for gene coefficients c: a genotype (0/1) or allele frequencies (mean field).</summary>
    public void ComputeWeights(ReadOnlySpan<float> coefficients, Span<float> weights)
    {
        weights.Clear();
        for (int g = 0; g < coefficients.Length; g++)
        {
            float c = coefficients[g];
            if (c == 0f)
                continue;
            for (int k = GeneStart[g]; k < GeneStart[g + 1]; k++)
                weights[GeneLink[k]] += c * GeneWeight[k];
        }
    }

    /// <summary>w = W·x for a genotype stored one byte per gene.</summary>
    public void ComputeWeights(ReadOnlySpan<byte> genotype, Span<float> weights)
    {
        weights.Clear();
        for (int g = 0; g < genotype.Length; g++)
        {
            if (genotype[g] == 0)
                continue;
            for (int k = GeneStart[g]; k < GeneStart[g + 1]; k++)
                weights[GeneLink[k]] += GeneWeight[k];
        }
    }

    /// <summary>
    /// The next index after <paramref name="previous"/> at which a Bernoulli(q) trial succeeds, by
    /// geometric skipping: one random draw per success instead of one per trial.
    /// </summary>
    private static int NextOccurrence(ref SplitMix64 random, int previous, double q)
    {
        if (q >= 1)
            return previous + 1;
        if (q <= 0)
            return int.MaxValue;
        double u = 1.0 - random.NextDouble(); // (0, 1]
        double skip = Math.Floor(Math.Log(u) / Math.Log(1 - q));
        return skip >= int.MaxValue - previous - 1 ? int.MaxValue : previous + 1 + (int)skip;
    }
}
