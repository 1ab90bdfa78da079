using EvoDsl.Dnn;
using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Nne;

namespace EvoDsl.Baselines;

/// <summary>
/// Table 1's NNE + SignSGD (paper 003 §3.1): the NNE network of the same settings and seed (same
/// graph, same W) with weights W·round(p) from learned allele frequencies p; then only its output
/// layer trains, by SignSGD (eq. 5) on mini-batches (paper: batch 50, a few hundred iterations).
/// The hidden layer is fixed, so its activations are computed once. One step is one epoch; the
/// epoch-0 evaluation is the NNE network itself.
/// </summary>
public sealed class NneSignSgdTraining : DelegatingTrainer
{
    private readonly OutputLayerTraining<SignSgdRule> _training;

    /// <summary>
    /// The allele frequencies the NNE run <paramref name="experiment"/> learned, from its last checkpoint, refused
    /// unless that run had the same network settings, data and seed (so its graph and W are this run's).
    /// </summary>
    public static double[] AllelesFrom(RunContext context, string experiment, NneSettings network, DataSettings data)
    {
        var alleles = new double[network.Genes];
        context.PriorRuns.Read(context, experiment, network, data, reader => AlleleState.Read(reader, alleles));
        return alleles;
    }

    public NneSignSgdTraining(NneSignSgdSettings settings, RunContext context, double[] alleleFrequencies)
    {
        Check.LearningRate(settings.LearningRate);
        Check.BatchSize(settings.BatchSize);
        RandomFeatures.CheckData(context);
        NneSettings nne = settings.Network;
        if (alleleFrequencies.Length != nne.Genes)
            throw new EvoDslException($"{alleleFrequencies.Length} allele frequencies were given but the NNE network has {nne.Genes} genes; pass the p of an NNE run with the same settings");

        Network = NneNetwork.Create(context.Train.Features, nne.Hidden, context.Train.Classes, nne.EdgeProbability,
            nne.Genes, nne.GeneDensity, nne.WeightGain, context.Seed);
        var coefficients = new float[nne.Genes];
        for (int g = 0; g < coefficients.Length; g++)
            coefficients[g] = alleleFrequencies[g] >= 0.5 ? 1f : 0f; // round(p), as NneEvolution scores it
        _genotype = System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(coefficients.AsSpan()));
        var weights = new float[Network.Links];
        Network.ComputeWeights(coefficients, weights);

        _training = WorkerPool.BuildOwner(context.Threads, workers =>
        {
            FixedFeatures train = FixedFeatures.FromNneNetwork(Network, weights,
                SparseRows.FromDense(context.Train.Pixels, context.Train.Count, context.Train.Features), context.Train.Labels, workers);
            FixedFeatures test = FixedFeatures.FromNneNetwork(Network, weights,
                SparseRows.FromDense(context.Test.Pixels, context.Test.Count, context.Test.Features), context.Test.Labels, workers);
            var layer = new OutputLayer(nne.Hidden, context.Train.Classes);
            Span<float> values = layer.Values;
            for (int k = 0; k < layer.Classes; k++)
                for (int i = 0; i < nne.Hidden; i++)
                    values[i * OutputLayer.MaxClasses + k] = weights[Network.FirstLayerLinks + k * nne.Hidden + i]; // NNE's output block is row-major by output
            return new OutputLayerTraining<SignSgdRule>("nne-sign-sgd", train, test, layer,
                new SignSgdRule(nne.Hidden, (float)settings.LearningRate, settings.BatchSize), context.Seed, workers);
        });
    }

    /// <summary>The NNE network (graph and W) the allele frequencies were learned on.</summary>
    public NneNetwork Network { get; }

    protected override ITrainer Inner => _training;

    /// <summary>SHA-256 of round(p), the genotype this run's hidden layer was built from.</summary>
    private readonly byte[] _genotype;

    /// <summary>The genotype's hash first, so a resume on a network the NNE run has since moved on from is refused.</summary>
    public override void WriteState(BinaryWriter writer)
    {
        writer.Write(_genotype);
        base.WriteState(writer);
    }

    public override void ReadState(BinaryReader reader)
    {
        if (!reader.ReadBytes(_genotype.Length).AsSpan().SequenceEqual(_genotype))
            throw new EvoDslException("this checkpoint's output layer was trained on the network of other allele frequencies than its NNE run's checkpoint holds now "
                                      + "(the NNE run went on since); start this run again with --overwrite to train on the new ones");
        base.ReadState(reader);
    }
}
