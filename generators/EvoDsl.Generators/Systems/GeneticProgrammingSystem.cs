using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>
/// Genetic programming (docs/gp.md): [GeneticProgramming] on [Mnist], no layer: programs are what evolves. The
/// trainer is the runtime's GpEvolution.
/// </summary>
internal sealed class GeneticProgrammingSystem()
    : SystemModule("[GeneticProgramming]", [typeof(GeneticProgrammingAttribute)], layer: null, nameof(RunAttribute.Generations))
{
    public override LearningSystemModel? Parse(Declaration declaration)
    {
        AttributeData attribute = declaration.Find<GeneticProgrammingAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        if ((declaration.Find<HiddenLayerAttribute>() ?? declaration.Find<RandomLayerAttribute>()) is { } layer)
        {
            declaration.Report(DiagnosticDescriptors.LayerDoesNotFit, declaration.At(layer), declaration.Experiment,
                $"genetic programming evolves programs over the pixels, not a layer; remove [{Parser.ShortName(layer)}]");
            return null;
        }
        GeneticProgrammingAttribute gp = declaration.Read<GeneticProgrammingAttribute>(attribute);
        int errors = declaration.Diagnostics.Count;
        declaration.RequirePositive(at, "Population - 1 (a population of at least 2)", gp.Population - 1);
        declaration.RequirePositive(at, nameof(GeneticProgrammingAttribute.BatchSize), gp.BatchSize);
        declaration.RequirePositive(at, nameof(GeneticProgrammingAttribute.TournamentSize), gp.TournamentSize);
        declaration.RequirePositive(at, nameof(GeneticProgrammingAttribute.InitialDepth), gp.InitialDepth);
        declaration.RequirePositive(at, nameof(GeneticProgrammingAttribute.MaxSize), gp.MaxSize);
        declaration.RequireProbability(at, nameof(GeneticProgrammingAttribute.Crossover), gp.Crossover, allowZero: true);
        declaration.RequireProbability(at, nameof(GeneticProgrammingAttribute.Mutation), gp.Mutation, allowZero: true);
        if (!(gp.EliteRatio is >= 0 and < 1))
            declaration.Report(DiagnosticDescriptors.ProbabilityOutOfRange, at, nameof(GeneticProgrammingAttribute.EliteRatio), Code.Number(gp.EliteRatio), "[0, 1)");
        if (declaration.Diagnostics.Count == errors)
        {
            if (gp.Crossover + gp.Mutation > 1)
                declaration.Report(DiagnosticDescriptors.GpLimitsDoNotFit, at, declaration.Experiment,
                    $"Crossover {Code.Number(gp.Crossover)} + Mutation {Code.Number(gp.Mutation)} is more than 1; they are the chances of one choice per child (the rest are copies), so lower one of them");
            if (gp.MaxDepth < gp.InitialDepth)
                declaration.Report(DiagnosticDescriptors.GpLimitsDoNotFit, at, declaration.Experiment,
                    $"MaxDepth {gp.MaxDepth} is below InitialDepth {gp.InitialDepth}; the starting trees would already break the limit, so set MaxDepth to {gp.InitialDepth} or more");
            if (gp.MaxSize > GeneticProgrammingAttribute.LongestTree)
                declaration.Report(DiagnosticDescriptors.GpLimitsDoNotFit, at, declaration.Experiment,
                    $"MaxSize {gp.MaxSize} is more than {GeneticProgrammingAttribute.LongestTree} nodes a tree; set it to {GeneticProgrammingAttribute.LongestTree} or less");
        }
        return new GeneticProgrammingModel(gp.Population, gp.BatchSize, gp.TournamentSize, gp.Crossover, gp.Mutation, gp.EliteRatio,
            gp.InitialDepth, gp.MaxDepth, gp.MaxSize);
    }
}

/// <summary>[GeneticProgramming] as declared.</summary>
internal sealed record GeneticProgrammingModel(
    int Population,
    int BatchSize,
    int TournamentSize,
    double Crossover,
    double Mutation,
    double EliteRatio,
    int InitialDepth,
    int MaxDepth,
    int MaxSize) : LearningSystemModel
{
    public override string StepNoun => "generation";

    public override string Summary(ExperimentModel experiment) =>
        $"Genetic programming (docs/gp.md) {Emitter.DataPhrase(experiment.Data!)}, one tree per class over {experiment.Data!.Inputs} pixels, " +
        $"{Population} individuals scored on {BatchSize} images; crossover {Code.Number(Crossover)}, mutation {Code.Number(Mutation)}.";

    public override void Emit(CodeWriter code, ExperimentModel experiment)
    {
        code.Line("/// <summary>[GeneticProgramming] as declared.</summary>");
        code.Line("private static readonly global::EvoDsl.Gp.GpSettings Settings = new(");
        code.Line($"    Population: {Population}, BatchSize: {BatchSize}, TournamentSize: {TournamentSize},");
        code.Line($"    Crossover: {Code.Number(Crossover)}, Mutation: {Code.Number(Mutation)}, EliteRatio: {Code.Number(EliteRatio)},");
        code.Line($"    InitialDepth: {InitialDepth}, MaxDepth: {MaxDepth}, MaxSize: {MaxSize});");
        code.Line();
        Emitter.Descriptor(code, experiment, "\"generation\"", "\"program-samples\"", "\"fitness\"", "new global::EvoDsl.Gp.GpEvolution(Settings, context)");
    }
}
