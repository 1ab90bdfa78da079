using EvoDsl.Training;

namespace EvoDsl.Dnn;

/// <summary>
/// A dopaminergic neural net (SPEC §2, paper 003 §3.2): the fixed Kaiming-uniform random layer, then
/// an output layer that learns one example at a time by <see cref="DopaminergicRule{TPre, TPost}"/>.
/// One <see cref="Step"/> is one epoch.
/// </summary>
public sealed class DopaminergicTraining : DelegatingTrainer
{
    private readonly ITrainer _training;

    public DopaminergicTraining(DopaminergicSettings settings, RunContext context)
    {
        if (!(settings.Rate > 0) || double.IsInfinity(settings.Rate))
            throw new EvoDslException($"the dopaminergic rate ε1 is {settings.Rate}; use a positive number (paper: 1)");
        if (double.IsNaN(settings.Threshold))
            throw new EvoDslException("the dopaminergic threshold ε0 is not a number; use e.g. 0.75 (the paper's)");
        float threshold = (float)settings.Threshold, rate = (float)settings.Rate;
        (Features, _training) = (settings.PreSynaptic, settings.PostSynaptic) switch
        {
            (PreSynapticSignal.Activity, PostSynapticFiring.Winner) => Train(new DopaminergicRule<ActivitySignal, WinnerFires>(threshold, rate)),
            (PreSynapticSignal.Activity, PostSynapticFiring.LowError) => Train(new DopaminergicRule<ActivitySignal, LowErrorFires>(threshold, rate)),
            (PreSynapticSignal.Binary, PostSynapticFiring.Winner) => Train(new DopaminergicRule<FiringSignal, WinnerFires>(threshold, rate)),
            (PreSynapticSignal.Binary, PostSynapticFiring.LowError) => Train(new DopaminergicRule<FiringSignal, LowErrorFires>(threshold, rate)),
            _ => throw new EvoDslException($"unknown presynaptic signal {settings.PreSynaptic} or postsynaptic firing {settings.PostSynaptic}"),
        };

        (RandomFeatures, ITrainer) Train<TRule>(TRule rule) where TRule : struct, IOutputLayerRule =>
            OutputLayerTraining.OnRandomFeatures("dopaminergic", settings.Layer, context, _ => rule);
    }

    /// <summary>The fixed hidden features (and how long they took).</summary>
    public RandomFeatures Features { get; }

    protected override ITrainer Inner => _training;
}
