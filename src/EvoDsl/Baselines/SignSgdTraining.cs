using EvoDsl.Dnn;
using EvoDsl.Training;

namespace EvoDsl.Baselines;

/// <summary>Table 2's SignSGD: the DNN's fixed random features, the output layer trained by eq. 5 on mini-batches. One step is one epoch.</summary>
public sealed class SignSgdTraining : DelegatingTrainer
{
    private readonly OutputLayerTraining<SignSgdRule> _training;

    public SignSgdTraining(SignSgdSettings settings, RunContext context)
    {
        Check.LearningRate(settings.LearningRate);
        Check.BatchSize(settings.BatchSize);
        (Features, _training) = OutputLayerTraining.OnRandomFeatures("sign-sgd", settings.Layer, context,
            hidden => new SignSgdRule(hidden, (float)settings.LearningRate, settings.BatchSize));
    }

    public RandomFeatures Features { get; }

    protected override ITrainer Inner => _training;
}

/// <summary>Refuses settings no run can use, with a message that says what to change.</summary>
internal static class Check
{
    public static void LearningRate(double rate)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new EvoDslException($"the learning rate is {rate}; use a positive number");
    }

    public static void BatchSize(int batch)
    {
        if (batch < 1)
            throw new EvoDslException($"the batch size is {batch}; use at least 1");
    }
}
