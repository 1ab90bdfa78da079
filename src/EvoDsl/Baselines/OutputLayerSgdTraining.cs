using EvoDsl.Dnn;
using EvoDsl.Training;
using EvoDsl.Kernels;

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
        var workers = new WorkerPool(Math.Max(1, context.Threads));
        try
        {
            Features = RandomFeatures.Build(settings.Layer, context, workers);
            OutputLayer layer = RandomFeatures.InitialOutputLayer(settings.Layer.Hidden, context);
            int hidden = settings.Layer.Hidden;
            float rate = (float)settings.LearningRate;
            _training = settings.Optimizer switch
            {
                Optimizer.Adam => new OutputLayerTraining<AdamRule>("adam", Features.Train, Features.Test, layer,
                    new AdamRule(hidden, rate, settings.BatchSize), context.Seed, workers),
                Optimizer.Plain => new OutputLayerTraining<PlainSgdRule>("sgd", Features.Train, Features.Test, layer,
                    new PlainSgdRule(hidden, rate, settings.BatchSize), context.Seed, workers),
                _ => throw new EvoDslException($"unknown optimizer {settings.Optimizer}; use Adam or Plain"),
            };
        }
        catch
        {
            workers.Dispose();
            throw;
        }
    }

    public RandomFeatures Features { get; }

    protected override ITrainer Inner => _training;
}
