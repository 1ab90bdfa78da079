using EvoDsl.Training;

namespace EvoDsl.Neurashed.Phenomena;

/// <summary>I(T;X) and I(T;Y) of each level at one iteration.</summary>
public readonly record struct InformationPoint(long Iteration, double Level1Input, double Level1Label,
    double Level2Input, double Level2Label, double Level3Input, double Level3Label);

/// <summary>The headline numbers: the peak and final I(level 2; input), and the final I(level 2; label).</summary>
public sealed record InformationBottleneckResult(double PeakInputBits, long PeakIteration, double FinalInputBits,
    double FinalLabelBits, IReadOnlyList<InformationPoint> Series);

/// <summary>
/// Fig. 5 of paper 002 on a declared neurashed (experiments/EvoDsl.Experiments/NeurashedExperiments.cs):
/// its level-2 information about the input rises (fitting) and then falls (compression) as the dominant
/// node dwarfs the others, while the information about the label stays near 1 bit. The series is what
/// the declared trainer's own evaluations measure (<see cref="LevelInformation"/>), so the figure and
/// <c>run neurashed-information-bottleneck</c> cannot differ.
/// </summary>
public static class InformationBottleneck
{
    /// <summary>The levels Fig. 5 plots: the features, the middle level, the class scores.</summary>
    public const int Levels = 3;

    /// <summary>Steps <paramref name="trainer"/> to <paramref name="iterations"/>, evaluating at 0, every <paramref name="every"/> iterations and at the end, as the runner does.</summary>
    public static InformationBottleneckResult Measure(ITrainer trainer, int iterations, int every)
    {
        var series = new List<InformationPoint> { Point(trainer) };
        while (trainer.Completed < iterations)
        {
            trainer.Step();
            if (trainer.Completed % every == 0 || trainer.Completed == iterations)
                series.Add(Point(trainer));
        }
        InformationPoint peak = series.MaxBy(p => p.Level2Input);
        return new InformationBottleneckResult(peak.Level2Input, peak.Iteration, series[^1].Level2Input, series[^1].Level2Label, series);
    }

    private static InformationPoint Point(ITrainer trainer)
    {
        IReadOnlyList<Metric> metrics = trainer.Evaluate();
        double Bits(string name) =>
            metrics.FirstOrDefault(m => m.Name == name) is { Name: not null } metric
                ? metric.Value
                : throw new EvoDslException($"the trainer reports no '{name}': Fig. 5 is measured on a neurashed of {Levels} levels");
        return new InformationPoint(trainer.Completed,
            Bits(LevelInformation.InputBitsMetric(1)), Bits(LevelInformation.LabelBitsMetric(1)),
            Bits(LevelInformation.InputBitsMetric(2)), Bits(LevelInformation.LabelBitsMetric(2)),
            Bits(LevelInformation.InputBitsMetric(3)), Bits(LevelInformation.LabelBitsMetric(3)));
    }
}
