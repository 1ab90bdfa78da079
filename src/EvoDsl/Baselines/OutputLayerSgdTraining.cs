using EvoDsl.Dnn;
using EvoDsl.Training;

namespace EvoDsl.Baselines;

/// <summary>
/// Table 2's "SGD" (the paper used Adam): the DNN's fixed random features, the output layer trained on
/// the mean cross-entropy of mini-batches by Adam or plain SGD. One step is one epoch.
/// </summary>
public sealed class OutputLayerSgdTraining : DelegatingTrainer
{
    private readonly ITrainer _training;

    public OutputLayerSgdTraining(OutputLayerSgdSettings settings, RunContext context)
    {
        Check.LearningRate(settings.LearningRate);
        Check.BatchSize(settings.BatchSize);
        float rate = (float)settings.LearningRate;
        (Features, _training) = settings.Optimizer switch
        {
            Optimizer.Adam => Train("adam", hidden => new AdamRule(hidden, rate, settings.BatchSize)),
            Optimizer.Plain => Train("sgd", hidden => new PlainSgdRule(hidden, rate, settings.BatchSize)),
            _ => throw new EvoDslException($"unknown optimizer {settings.Optimizer}; use Adam or Plain"),
        };

        (RandomFeatures, ITrainer) Train<TRule>(string kind, Func<int, TRule> rule) where TRule : struct, IOutputLayerRule =>
            OutputLayerTraining.OnRandomFeatures(kind, settings.Layer, context, rule);
    }

    public RandomFeatures Features { get; }

    protected override ITrainer Inner => _training;
}
