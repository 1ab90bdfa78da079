namespace EvoDsl.Nne;

/// <summary>The population-genetics update of allele frequencies under weak selection (paper 003, eq. 3).</summary>
public static class WeakSelection
{
    /// <summary>
    /// Per gene i, the mean fitness of the genotypes that carry the allele, f(i), and of those that
    /// do not, f̄(i) (paper §3.1). A side no genotype fell on gets the population mean, so an allele
    /// the sample did not test is neither rewarded nor punished, or 0 with <see cref="EmptySide.Zero"/>.
    /// </summary>
    /// <param name="genotypes">Population × genes, one byte (0 or 1) per gene, row-major by genotype.</param>
    /// <param name="fitness">δ_x per genotype.</param>
    /// <param name="present">Receives f.</param>
    /// <param name="absent">Receives f̄.</param>
    /// <param name="carriers">Scratch: receives Σ_x x(i).</param>
    /// <param name="emptySide">The value of a side no genotype fell on.</param>
    public static void Rewards(ReadOnlySpan<byte> genotypes, ReadOnlySpan<float> fitness,
        Span<double> present, Span<double> absent, Span<int> carriers, EmptySide emptySide = EmptySide.PopulationMean)
    {
        int genes = present.Length;
        int population = fitness.Length;
        present.Clear();
        carriers.Clear();
        double total = 0;
        for (int x = 0; x < population; x++)
        {
            double delta = fitness[x];
            total += delta;
            ReadOnlySpan<byte> genotype = genotypes.Slice(x * genes, genes);
            for (int i = 0; i < genes; i++)
            {
                int allele = genotype[i];
                present[i] += allele * delta;
                carriers[i] += allele;
            }
        }

        double empty = emptySide == EmptySide.Zero ? 0 : total / population;
        for (int i = 0; i < genes; i++)
        {
            int withAllele = carriers[i];
            int without = population - withAllele;
            double sumWith = present[i];
            present[i] = withAllele > 0 ? sumWith / withAllele : empty;
            absent[i] = without > 0 ? (total - sumWith) / without : empty;
        }
    }

    /// <summary>p'(i) = p(i)(1 + ε f(i)) / (1 + ε f̄(i) + ε p(i)(f(i) − f̄(i)))  (eq. 3).</summary>
    public static void Update(Span<double> alleleFrequencies, ReadOnlySpan<double> present,
        ReadOnlySpan<double> absent, double selection)
    {
        for (int i = 0; i < alleleFrequencies.Length; i++)
        {
            double p = alleleFrequencies[i];
            double f = present[i];
            double fBar = absent[i];
            alleleFrequencies[i] = p * (1 + selection * f) / (1 + selection * fBar + selection * p * (f - fBar));
        }
    }
}
