using EvoDsl.Training;
using EvoDsl.Kernels;
using EvoDsl.Metrics;

namespace EvoDsl.Neurashed.Phenomena;

/// <summary>The knobs of the information-bottleneck run; defaults are the ones docs/neurashed.md justifies.</summary>
public sealed record InformationBottleneckOptions
{
    /// <summary>Iterations of Algorithm 1 (the paper gives none; 600 shows fitting and compression).</summary>
    public int Iterations { get; init; } = 600;

    /// <summary>B = 1: node competition needs small batches (at B = 8 every node fires each iteration and nothing compresses).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Epochs over the 8 inputs, as SGD does; WithReplacement gives the same shape, noisier.</summary>
    public BatchSampling Sampling { get; init; } = BatchSampling.Reshuffled;

    /// <summary>Iterations between two measurements.</summary>
    public int Every { get; init; } = 10;

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

/// <summary>I(T;X) and I(T;Y) of each level at one iteration.</summary>
public readonly record struct InformationPoint(long Iteration, double Level1Input, double Level1Label,
    double Level2Input, double Level2Label, double Level3Input, double Level3Label);

/// <summary>The headline numbers: the peak and final I(level 2; input), and the final I(level 2; label).</summary>
public sealed record InformationBottleneckResult(double PeakInputBits, long PeakIteration, double FinalInputBits,
    double FinalLabelBits, IReadOnlyList<InformationPoint> Series);

/// <summary>
/// Fig. 5 of paper 002: a two-class neurashed whose level-2 information about the input rises
/// (fitting) and then falls (compression) as the dominant node dwarfs the others, while the
/// information about the label stays near 1 bit. Graph and constants as SPEC §3.
/// </summary>
public static class InformationBottleneckExperiment
{
    /// <summary>Class 1's four level-1 firing patterns (Fig. 5); class 2's are the same shifted by 7.</summary>
    public static readonly int[][] Patterns = [[1, 2, 7], [2, 3, 7], [4, 5, 7], [5, 6, 7]];

    /// <summary>
    /// Level 1: nodes "1".."7" (class 1) and "8".."14" (class 2); level 2 per class: A ← {1,2,3} (any),
    /// B ← {2,5,7} (at least 2, the dominant node), C ← {4,5,6} (any); level 3: the class ← {A,B,C} (any).
    /// </summary>
    public static NeurashedGraph Figure5Graph()
    {
        var builder = new NeurashedBuilder(levels: 3).FirstLevel(Enumerable.Range(1, 14).Select(i => i.ToString()));
        foreach (int c in new[] { 1, 2 })
        {
            string N(int i) => (i + 7 * (c - 1)).ToString();
            builder.Node(2, $"A{c}", FiringRule.Any, N(1), N(2), N(3))
                   .Node(2, $"B{c}", FiringRule.AtLeast(2), N(2), N(5), N(7))
                   .Node(2, $"C{c}", FiringRule.Any, N(4), N(5), N(6));
        }
        return builder.Node(3, "class1", FiringRule.Any, "A1", "B1", "C1")
                      .Node(3, "class2", FiringRule.Any, "A2", "B2", "C2")
                      .Build();
    }

    /// <summary>The 8 input types: class 1's four patterns (label 0), then class 2's (label 1).</summary>
    public static NeurashedInputs Figure5Inputs(NeurashedGraph graph) =>
        NeurashedInputs.FromNames(graph,
            from c in new[] { 1, 2 }
            from pattern in Patterns
            select ((IReadOnlyList<string>)pattern.Select(i => (i + 7 * (c - 1)).ToString()).ToArray(), $"class{c}"));

    /// <summary>Node 7 and its class-2 twin (node 14): level-1 indices 6 and 13.</summary>
    public readonly struct SlowNodes : INodeSet
    {
        public static bool Contains(int index) => index is 6 or 13;
    }

    /// <summary>Fig. 5's rule: 1.022^(11/4) λ / 1.022^(−1/4) λ, with 1.022^(3/4) λ as g+ for node 7 and its twin.</summary>
    public readonly struct Figure5Rule : IUpdateRule
    {
        public static double Grow(double value, int index, long iteration) =>
            PerNode<SlowNodes, Multiplicative<Figure5SlowRates>, Multiplicative<Figure5Rates>>.Grow(value, index, iteration);

        public static double Shrink(double value, int index, long iteration) =>
            PerNode<SlowNodes, Multiplicative<Figure5SlowRates>, Multiplicative<Figure5Rates>>.Shrink(value, index, iteration);
    }

    /// <summary>Trains, measures every <c>Every</c> iterations.</summary>
    public static InformationBottleneckResult Run(InformationBottleneckOptions options)
    {
        var graph = Figure5Graph();
        var inputs = Figure5Inputs(graph);
        // λ ~ U(0, 0.01) as the paper; η (not mentioned in the appendix) likewise.
        var model = new NeurashedModel(graph, InitialValues.Uniform(0, 0.01), InitialValues.Uniform(0, 0.01), options.Seed);
        var training = new NeurashedTraining<Figure5Rule, Multiplicative<Figure5Rates>>(model, inputs, options.BatchSize, options.Sampling, options.Seed);

        var series = new List<InformationPoint>();
        for (long t = 0; ; t++)
        {
            if (t % options.Every == 0 || t == options.Iterations)
            {
                var (i1, y1) = Measure(model, inputs, 1, t, options);
                var (i2, y2) = Measure(model, inputs, 2, t, options);
                var (i3, y3) = Measure(model, inputs, 3, t, options);
                series.Add(new InformationPoint(t, i1, y1, i2, y2, i3, y3));
            }
            if (t == options.Iterations)
                break;
            training.Step();
        }

        var peak = series.MaxBy(p => p.Level2Input);
        var result = new InformationBottleneckResult(peak.Level2Input, peak.Iteration, series[^1].Level2Input, series[^1].Level2Label, series);
        return result;
    }

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
