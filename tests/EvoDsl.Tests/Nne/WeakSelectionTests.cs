using EvoDsl.Nne;
using Xunit;

namespace EvoDsl.Tests.Nne;

public sealed class WeakSelectionTests
{
    [Fact]
    public void RewardsAndUpdateMatchAHandComputedCase()
    {
        // Three genotypes over two genes:        gene0 gene1   δ
        byte[] genotypes = [1, 0,   // x1            1     0    0.6
                            1, 1,   // x2            1     1    0.2
                            0, 1];  // x3            0     1    1.0
        float[] fitness = [0.6f, 0.2f, 1.0f];
        var present = new double[2];
        var absent = new double[2];
        var carriers = new int[2];

        WeakSelection.Rewards(genotypes, fitness, present, absent, carriers);

        // gene0: f = (0.6 + 0.2)/2 = 0.4, f̄ = 1.0/1 = 1.0;  gene1: f = (0.2 + 1.0)/2 = 0.6, f̄ = 0.6/1 = 0.6
        Assert.Equal(0.4, present[0], 6);
        Assert.Equal(1.0, absent[0], 6);
        Assert.Equal(0.6, present[1], 6);
        Assert.Equal(0.6, absent[1], 6);

        double[] p = [0.5, 0.25];
        WeakSelection.Update(p, present, absent, selection: 2);

        // gene0: 0.5(1 + 0.8) / (1 + 2.0 + 2·0.5·(0.4 − 1.0)) = 0.9 / 2.4 = 0.375
        // gene1: f = f̄, so p is unchanged: 0.25(1 + 1.2) / (1 + 1.2 + 0) = 0.25
        Assert.Equal(0.375, p[0], 1e-7); // δ is stored as float
        Assert.Equal(0.25, p[1], 1e-7);
    }

    [Fact]
    public void AnAlleleNoGenotypeCarriesGetsNoSelection()
    {
        byte[] genotypes = [0, 1, 0, 1];
        float[] fitness = [0.3f, 0.9f];
        var present = new double[2];
        var absent = new double[2];

        WeakSelection.Rewards(genotypes, fitness, present, absent, new int[2]);

        Assert.Equal(0.6, present[0], 6); // nobody carries allele 1 of gene 0: mean fitness
        Assert.Equal(0.6, absent[1], 6);  // everybody carries allele 1 of gene 1
        double[] p = [0.1, 0.9];
        WeakSelection.Update(p, present, absent, selection: 5);
        Assert.Equal(0.1, p[0], 12);
        Assert.Equal(0.9, p[1], 12);
    }

    [Fact]
    public void WithEmptySideZeroAnAlleleEveryGenotypeCarriesMovesTowardFixation()
    {
        byte[] genotypes = [0, 1, 0, 1];
        float[] fitness = [0.4f, 0.8f];
        var present = new double[2];
        var absent = new double[2];

        WeakSelection.Rewards(genotypes, fitness, present, absent, new int[2], EmptySide.Zero);

        Assert.Equal(0.0, present[0]);    // nobody carries allele 1 of gene 0
        Assert.Equal(0.6, absent[0], 6);
        Assert.Equal(0.6, present[1], 6);
        Assert.Equal(0.0, absent[1]);     // everybody carries allele 1 of gene 1
        double[] p = [0.1, 0.9];
        WeakSelection.Update(p, present, absent, selection: 5);
        // gene0: 0.1 / (1 + 3 − 0.3) = 0.1 / 3.7;  gene1: 0.9·4 / (1 + 0 + 2.7) = 3.6 / 3.7
        Assert.Equal(0.1 / 3.7, p[0], 1e-7);
        Assert.Equal(3.6 / 3.7, p[1], 1e-7);
    }

    [Fact]
    public void UpdateKeepsFrequenciesInsideTheUnitIntervalAndMovesTowardTheFitterAllele()
    {
        double[] p = [0.01, 0.5, 0.99];
        double[] f = [2.0, 2.0, 0.0];
        double[] fBar = [0.0, 0.0, 2.0];
        WeakSelection.Update(p, f, fBar, selection: 50);
        Assert.True(p[0] > 0.01 && p[0] < 1);
        Assert.True(p[1] > 0.5 && p[1] < 1);
        Assert.True(p[2] < 0.99 && p[2] > 0);
    }
}
