using EvoDsl.Training;
using EvoDsl.Kernels;

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
        var workers = new WorkerPool(Math.Max(1, context.Threads));
        try
        {
            Features = RandomFeatures.Build(settings.Layer, context, workers);
            OutputLayer layer = RandomFeatures.InitialOutputLayer(settings.Layer.Hidden, context);
            float threshold = (float)settings.Threshold, rate = (float)settings.Rate;
            _training = (settings.PreSynaptic, settings.PostSynaptic) switch
            {
                (PreSynapticSignal.Activity, PostSynapticFiring.Winner) => Create(new DopaminergicRule<ActivitySignal, WinnerFires>(threshold, rate)),
                (PreSynapticSignal.Activity, PostSynapticFiring.LowError) => Create(new DopaminergicRule<ActivitySignal, LowErrorFires>(threshold, rate)),
                (PreSynapticSignal.Binary, PostSynapticFiring.Winner) => Create(new DopaminergicRule<FiringSignal, WinnerFires>(threshold, rate)),
                (PreSynapticSignal.Binary, PostSynapticFiring.LowError) => Create(new DopaminergicRule<FiringSignal, LowErrorFires>(threshold, rate)),
                _ => throw new EvoDslException($"unknown presynaptic signal {settings.PreSynaptic} or postsynaptic firing {settings.PostSynaptic}"),
            };

            ITrainer Create<TRule>(TRule rule) where TRule : struct, IOutputLayerRule =>
                new OutputLayerTraining<TRule>("dopaminergic", Features.Train, Features.Test, layer, rule, context.Seed, workers);
        }
        catch
        {
            workers.Dispose();
            throw;
        }
    }

    /// <summary>The fixed hidden features (and how long they took).</summary>
    public RandomFeatures Features { get; }

    protected override ITrainer Inner => _training;
}
