namespace EvoDsl.Neurashed.Phenomena;

/// <summary>The headline results of the three phenomena of paper 002, run with their documented defaults.</summary>
public sealed record NeurashedPhenomenaResult(
    InformationBottleneckResult InformationBottleneck,
    LocalElasticityResult LocalElasticity,
    ElasticityTheoremsResult ElasticityTheorems,
    ImplicitRegularizationResult ImplicitRegularization);

public static class NeurashedPhenomena
{
    /// <summary>Runs all four experiments (about a second on two cores) and writes their CSV and PNG files into <paramref name="outputDirectory"/>.</summary>
    public static NeurashedPhenomenaResult RunAll(string outputDirectory, ulong seed = 1) => new(
        InformationBottleneckExperiment.Run(new InformationBottleneckOptions { Seed = seed }, outputDirectory),
        LocalElasticityExperiment.Run(new LocalElasticityOptions { Seed = seed }, outputDirectory),
        ElasticityTheoremsExperiment.Run(new ElasticityTheoremsOptions { Seed = seed }, outputDirectory),
        ImplicitRegularizationExperiment.Run(new ImplicitRegularizationOptions { Seed = seed }, outputDirectory));
}
