namespace EvoDsl.Neurashed;

/// <summary>
/// The neurashed's purposes for <see cref="Kernels.Streams.Key"/>, numbered after the ones in
/// <see cref="Kernels.Streams"/> (1-5) so no two purposes share a stream.
/// </summary>
public static class NeurashedStreams
{
    public const ulong InitialAmplification = 101;
    public const ulong InitialWeights = 102;
    public const ulong Batches = 103;
    public const ulong RandomGraph = 104;
    public const ulong MeasurementNoise = 105;
    public const ulong Trials = 106;
    public const ulong SparsityData = 107;
}
