namespace EvoDsl.Nne;

/// <summary>
/// An NNE run's state in a checkpoint: the generation, the last mean fitness and p bit for bit. One
/// format for resuming a run and for NNE + SignSGD, which starts from another run's p.
/// </summary>
public static class AlleleState
{
    public static void Write(BinaryWriter writer, int generation, double meanFitness, ReadOnlySpan<double> alleleFrequencies)
    {
        writer.Write(generation);
        writer.Write(meanFitness);
        writer.Write(alleleFrequencies.Length);
        foreach (double p in alleleFrequencies)
            writer.Write(p);
    }

    /// <summary>Reads p into <paramref name="alleleFrequencies"/>, whose length must be the stored number of genes.</summary>
    public static (int Generation, double MeanFitness) Read(BinaryReader reader, Span<double> alleleFrequencies)
    {
        int generation = reader.ReadInt32();
        double meanFitness = reader.ReadDouble();
        int genes = reader.ReadInt32();
        if (generation < 0 || genes != alleleFrequencies.Length)
            throw new UnreadableCheckpointException($"the checkpoint holds {genes} allele frequencies at generation {generation}, but the experiment has {alleleFrequencies.Length} genes");
        if (!double.IsFinite(meanFitness))
            throw new UnreadableCheckpointException($"the checkpoint's mean fitness at generation {generation} is {meanFitness}; the checkpoint is damaged");
        for (int i = 0; i < genes; i++)
        {
            double p = reader.ReadDouble();
            if (!(p is >= 0 and <= 1)) // NaN fails too
                throw new UnreadableCheckpointException($"the checkpoint's allele frequency of gene {i} is {p}, outside [0, 1]; the checkpoint is damaged");
            alleleFrequencies[i] = p;
        }
        return (generation, meanFitness);
    }
}
