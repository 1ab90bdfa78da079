namespace EvoDsl.Kernels;

/// <summary>
/// Independent, reproducible random streams keyed by purpose and index, so that what a worker draws
/// for genotype g in generation t does not depend on which thread ran it or on what came before.
/// </summary>
public static class Streams
{
    public const ulong EdgeGraph = 1;
    public const ulong GeneMap = 2;
    public const ulong InitialAlleles = 3;
    public const ulong Population = 4;
    public const ulong TrainingSubset = 5;

    // DNN and the gradient baselines (numbered apart so other systems' streams can take 6-9).
    public const ulong RandomLayer = 10;
    public const ulong OutputLayerInit = 11;
    public const ulong EpochOrder = 12;
    public const ulong SparseNetworkInit = 13;

    // Neurashed.
    public const ulong InitialAmplification = 101;
    public const ulong InitialClassEdgeWeights = 102;
    public const ulong Batches = 103;
    public const ulong RandomNeurashedGraph = 104;
    public const ulong MeasurementNoise = 105;
    public const ulong ElasticityTrials = 106;
    public const ulong SparsityData = 107;

    // WANN
    public const ulong WannInitialPopulation = 201;
    public const ulong WannSelection = 202;
    public const ulong WannBatches = 203;
    public const ulong WannWeightTraining = 204;

    // Genetic programming
    public const ulong GpInitialPopulation = 301;
    public const ulong GpVariation = 302;
    public const ulong GpBatches = 303;

    /// <summary>A seed for stream <paramref name="purpose"/> of run <paramref name="seed"/>, item (a, b).</summary>
    public static ulong Key(ulong seed, ulong purpose, ulong a = 0, ulong b = 0) =>
        SplitMix64.Mix(SplitMix64.Mix(SplitMix64.Mix(seed ^ (purpose * 0x9E3779B97F4A7C15UL)) ^ a) ^ (b * 0xD1B54A32D192ED03UL));
}
