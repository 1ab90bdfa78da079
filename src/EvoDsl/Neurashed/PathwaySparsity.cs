namespace EvoDsl.Neurashed;

/// <summary>The sparsity of one level's learned amplification factors.</summary>
public readonly record struct LevelSparsity(int Level, double TopShare, double NormalizedEntropy);

/// <summary>
/// How concentrated the learned λ are (paper 002, Figs. 3-4: small batches learn a sparse pathway, a
/// few nodes carrying most of the amplification; large batches a dense one). Two measures per level:
/// the share of the level's λ mass held by its k largest nodes (1 = sparse), and the entropy of the
/// normalised λ divided by log₂ of the level's width (1 = every node equal, dense).
/// </summary>
public static class PathwaySparsity
{
    /// <summary>Σ of the k largest values / Σ of all; 0 when all are 0.</summary>
    public static double TopShare(ReadOnlySpan<double> lambda, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var sorted = lambda.ToArray();
        Array.Sort(sorted);
        double total = 0, top = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            total += sorted[i];
            if (i >= sorted.Length - k)
                top += sorted[i];
        }
        return total > 0 ? top / total : 0;
    }

    /// <summary>H(λ/Σλ) in bits; 0 when all are 0.</summary>
    public static double Entropy(ReadOnlySpan<double> lambda)
    {
        double total = 0;
        foreach (double v in lambda)
            total += v;
        if (total <= 0)
            return 0;
        double h = 0;
        foreach (double v in lambda)
            if (v > 0)
            {
                double p = v / total;
                h -= p * Math.Log2(p);
            }
        return h;
    }

    /// <summary>H(λ/Σλ) / log₂ n, in [0, 1].</summary>
    public static double NormalizedEntropy(ReadOnlySpan<double> lambda) =>
        lambda.Length > 1 ? Entropy(lambda) / Math.Log2(lambda.Length) : 0;

    /// <summary>Both measures for every level below the classes.</summary>
    public static LevelSparsity[] PerLevel(NeurashedGraph graph, ReadOnlySpan<double> lambda, int topK)
    {
        var result = new LevelSparsity[graph.Levels - 1];
        for (int level = 1; level < graph.Levels; level++)
        {
            var slice = lambda[graph.NodesOn(level)];
            result[level - 1] = new LevelSparsity(level, TopShare(slice, Math.Min(topK, slice.Length)), NormalizedEntropy(slice));
        }
        return result;
    }
}
