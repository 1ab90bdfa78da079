using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>
/// WANN (docs/wann.md): [Wann] on [Mnist], no layer of ours: the topology is what evolves. The trainer is the
/// runtime's WannEvolution.
/// </summary>
internal sealed class WannSystem() : SystemModule("[Wann]", [typeof(WannAttribute)], layer: null, nameof(RunAttribute.Generations))
{
    public override LearningSystemModel? Parse(Declaration declaration)
    {
        AttributeData attribute = declaration.Find<WannAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        if ((declaration.Find<HiddenLayerAttribute>() ?? declaration.Find<RandomLayerAttribute>()) is { } layer)
        {
            declaration.Report(DiagnosticDescriptors.LayerDoesNotFit, declaration.At(layer), declaration.Experiment,
                $"WANN evolves its own topology; remove [{Parser.ShortName(layer)}]");
            return null;
        }
        WannAttribute wann = declaration.Read<WannAttribute>(attribute);
        declaration.RequirePositive(at, "Population - 1 (a population of at least 2)", wann.Population - 1);
        declaration.RequirePositive(at, nameof(WannAttribute.BatchSize), wann.BatchSize);
        declaration.RequirePositive(at, nameof(WannAttribute.TournamentSize), wann.TournamentSize);
        declaration.RequireProbability(at, nameof(WannAttribute.InitialConnections), wann.InitialConnections, allowZero: false);
        foreach ((string name, double rate) in new[]
                 {
                     (nameof(WannAttribute.AddConnection), wann.AddConnection), (nameof(WannAttribute.AddNode), wann.AddNode),
                     (nameof(WannAttribute.EnableConnection), wann.EnableConnection), (nameof(WannAttribute.ChangeActivation), wann.ChangeActivation),
                     (nameof(WannAttribute.EliteRatio), wann.EliteRatio), (nameof(WannAttribute.SizeObjective), wann.SizeObjective),
                 })
            declaration.RequireProbability(at, name, rate, allowZero: true);
        if (!(wann.CullRatio is >= 0 and < 1))
            declaration.Report(DiagnosticDescriptors.ProbabilityOutOfRange, at, nameof(WannAttribute.CullRatio), Code.Number(wann.CullRatio), "[0, 1)");
        if (!(wann.AddConnection + wann.AddNode + wann.EnableConnection + wann.ChangeActivation > 0))
            declaration.Report(DiagnosticDescriptors.ValueMustBePositive, at, "AddConnection + AddNode + EnableConnection + ChangeActivation", "0",
                "each child takes one mutation drawn in proportion to them (the paper: 0.20, 0.25, 0.05, 0.50)");
        return new WannModel(wann.Population, wann.BatchSize, wann.InitialConnections, wann.AddConnection, wann.AddNode, wann.EnableConnection,
            wann.ChangeActivation, wann.CullRatio, wann.EliteRatio, wann.TournamentSize, wann.SizeObjective);
    }
}

/// <summary>[Wann] as declared.</summary>
internal sealed record WannModel(
    int Population,
    int BatchSize,
    double InitialConnections,
    double AddConnection,
    double AddNode,
    double EnableConnection,
    double ChangeActivation,
    double CullRatio,
    double EliteRatio,
    int TournamentSize,
    double SizeObjective) : LearningSystemModel
{
    public override string StepNoun => "generation";

    public override string Summary(ExperimentModel experiment) =>
        $"WANN (docs/wann.md) {Emitter.DataPhrase(experiment.Data!)}, {experiment.Data!.Inputs} inputs → {experiment.Data!.Classes} outputs, " +
        $"{Population} networks scored on {BatchSize} images at 6 shared weights, NSGA-II on (fitness, size) with chance {Code.Number(SizeObjective)}.";

    public override void Emit(CodeWriter code, ExperimentModel experiment)
    {
        code.Line("/// <summary>[Wann] as declared.</summary>");
        code.Line("private static readonly global::EvoDsl.Wann.WannSettings Settings = new(");
        code.Line($"    Population: {Population}, BatchSize: {BatchSize}, InitialConnections: {Code.Number(InitialConnections)},");
        code.Line($"    AddConnection: {Code.Number(AddConnection)}, AddNode: {Code.Number(AddNode)}, EnableConnection: {Code.Number(EnableConnection)}, " +
                  $"ChangeActivation: {Code.Number(ChangeActivation)},");
        code.Line($"    CullRatio: {Code.Number(CullRatio)}, EliteRatio: {Code.Number(EliteRatio)}, TournamentSize: {TournamentSize}, SizeObjective: {Code.Number(SizeObjective)});");
        code.Line();
        Emitter.Descriptor(code, experiment, "\"generation\"", "\"network-samples\"", "\"fitness\"", "new global::EvoDsl.Wann.WannEvolution(Settings, context)");
    }
}
