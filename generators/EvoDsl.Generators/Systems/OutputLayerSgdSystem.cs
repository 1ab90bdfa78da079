namespace EvoDsl.Generators.Systems;

/// <summary>
/// Table 2's "SGD" (the paper used Adam): [Sgd] on a [RandomLayer], the output layer trained by gradient
/// descent over fixed random features. The trainer is the runtime's OutputLayerSgdTraining.
/// </summary>
internal sealed class OutputLayerSgdSystem() : SystemModule("[Sgd]", [typeof(SgdAttribute)], typeof(RandomLayerAttribute), nameof(RunAttribute.Epochs))
{
    public override void ReportMissingLayer(Declaration declaration, AttributeData? other) =>
        Layers.ReportMissingRandomLayer(declaration, "Sgd", other);

    public override LearningSystemModel? Parse(Declaration declaration)
    {
        RandomLayerModel? layer = Layers.Random(declaration);
        AttributeData attribute = declaration.Find<SgdAttribute>()!;
        SgdAttribute sgd = declaration.Read<SgdAttribute>(attribute);
        Layers.CheckStep(declaration, declaration.At(attribute), sgd.LearningRate, sgd.BatchSize, new SgdAttribute().LearningRate);
        return layer is null ? null : new OutputLayerSgdModel(layer, sgd.Optimizer.ToString(), sgd.LearningRate, sgd.BatchSize);
    }
}

/// <summary>[RandomLayer] and [Sgd]: the output layer trained by gradient descent over fixed random features.</summary>
internal sealed record OutputLayerSgdModel(RandomLayerModel Layer, string Optimizer, double LearningRate, int BatchSize) : EpochSystemModel
{
    public override string Summary(ExperimentModel experiment) =>
        $"{Optimizer} (the papers' SGD) {ExperimentGenerator.Emitter.DataPhrase(experiment.Data!)}, fixed random {experiment.Data!.Inputs} → {Layer} → {experiment.Data!.Classes}, " +
        $"η = {Code.Number(LearningRate)}, batch {BatchSize}.";

    public override void Emit(CodeWriter code, ExperimentModel experiment) =>
        EmitTrainer(code, experiment, "[RandomLayer] and [Sgd]", "global::EvoDsl.Baselines.OutputLayerSgdSettings",
            [$"Layer: {Layer.Settings}, Optimizer: global::EvoDsl.Optimizer.{Optimizer}, LearningRate: {Code.Number(LearningRate)}, BatchSize: {BatchSize}"],
            "new global::EvoDsl.Baselines.OutputLayerSgdTraining(Settings, context)");
}
