using EvoDsl.Kernels;
using EvoDsl.Metrics;

namespace EvoDsl.Neurashed;

/// <summary>
/// The knobs of the information-bottleneck measure (paper 002, Fig. 5); defaults are the ones docs/neurashed.md
/// justifies. What is trained (graph, rule, batch, iterations) is the declaration's.
/// </summary>
public sealed record InformationBottleneckOptions
{
    /// <summary>Bins per coordinate over [0, 1], as Shwartz-Ziv and Tishby's 30.</summary>
    public int Bins { get; init; } = 30;

    /// <summary>σ of the Gaussian noise added to the normalised scores (a third of a bin).</summary>
    public double Noise { get; init; } = 0.01;

    /// <summary>κ: a level's score vector is divided by max(‖S‖₂, κ), so a level whose scores are all far below κ reads as silent.</summary>
    public double DetectionFloor { get; init; } = 0.01;

    /// <summary>
    /// Divide each score vector by max(‖S‖₂, κ) and bin over [0, 1] (default). When false, the raw scores
    /// are binned over their observed range, as Shwartz-Ziv and Tishby do for bounded activations;
    /// docs/neurashed.md shows why that cannot compress here (σ is then in score units).
    /// </summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Noisy copies of each of the 8 inputs per measurement.</summary>
    public int SamplesPerInput { get; init; } = 50;

    public ulong Seed { get; init; } = 1;
}

/// <summary>
/// The information a level's scores carry about the input type and the label (the information-bottleneck
/// measure of paper 002, Fig. 5), as the declared experiments and the Fig. 5 phenomenon both measure it.
/// </summary>
public static class LevelInformation
{
    /// <summary>The metric (metrics.csv column) of I(level; input type) in a declared neurashed's evaluations.</summary>
    public static string InputBitsMetric(int level) => $"level{level}_input_bits";

    /// <summary>The metric (metrics.csv column) of I(level; label) in a declared neurashed's evaluations.</summary>
    public static string LabelBitsMetric(int level) => $"level{level}_label_bits";

    /// <summary>
    /// I(T;X) and I(T;Y) for one level: each input's score vector is divided by max(‖S‖₂, κ), each of
    /// SamplesPerInput copies gets N(0, σ²) noise per coordinate, and the copies are binned over [0, 1].
    /// </summary>
    public static (double Input, double Label) Measure(NeurashedModel model, NeurashedInputs inputs, int level, long iteration,
        InformationBottleneckOptions options)
    {
        var graph = model.Graph;
        int dims = graph.Width(level);
        int copies = options.SamplesPerInput;
        var rows = new double[inputs.Count * copies * dims];
        var inputOf = new int[inputs.Count * copies];
        var labelOf = new int[inputOf.Length];
        var scores = new double[dims];
        for (int x = 0; x < inputs.Count; x++)
        {
            // The scores are S / 2^exponent, so the norm cannot overflow however large S is (a score
            // vector beyond the range of double used to give ‖S‖ = ∞ and a silent level of zeros);
            // powers of two scale exactly, so S / ‖S‖ is the same double either way.
            int exponent = model.ScaledScoresOn(inputs.FeaturesOf(x), level, scores);
            double scaledNorm = Math.Sqrt(scores.Sum(s => s * s));
            double norm = Math.ScaleB(scaledNorm, exponent);
            double scale;
            if (!options.Normalize || norm < options.DetectionFloor)
            {
                for (int d = 0; d < dims; d++)
                    scores[d] = Math.ScaleB(scores[d], exponent);
                scale = options.Normalize ? 1 / options.DetectionFloor : 1;
            }
            else
                scale = 1 / scaledNorm;
            for (int r = 0; r < copies; r++)
            {
                int row = x * copies + r;
                for (int d = 0; d < dims; d++)
                    rows[row * dims + d] = scores[d] * scale;
                inputOf[row] = x;
                labelOf[row] = inputs.LabelOf(x);
            }
        }
        ulong noiseSeed = Streams.Key(options.Seed, Streams.MeasurementNoise, (ulong)iteration, (ulong)level);
        return options.Normalize
            ? MutualInformation.Binned(rows, dims, inputOf, labelOf, options.Bins, options.Noise, noiseSeed, low: 0, high: 1)
            : MutualInformation.Binned(rows, dims, inputOf, labelOf, options.Bins, options.Noise, noiseSeed);
    }
}
