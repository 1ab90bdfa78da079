namespace EvoDsl.Generators.Systems;

/// <summary>
/// Table 1's SGD: [Sgd] on a [HiddenLayer], both layers of the sparse NNE network trained by gradient descent.
/// The trainer is the runtime's SparseNetworkSgdTraining.
/// </summary>
internal sealed class SparseNetworkSgdSystem() : SystemModule("[Sgd]", [typeof(SgdAttribute)], typeof(HiddenLayerAttribute), nameof(RunAttribute.Epochs))
{
    public override bool NeedsFixedSubset => true;

    public override LearningSystemModel? Parse(Declaration declaration)
    {
        (int units, double edgeProbability) = Layers.Hidden(declaration);
        AttributeData attribute = declaration.Find<SgdAttribute>()!;
        SgdAttribute sgd = declaration.Read<SgdAttribute>(attribute);
        Layers.CheckStep(declaration, declaration.At(attribute), sgd.LearningRate, sgd.BatchSize, new SgdAttribute().LearningRate);
        return new SparseNetworkSgdModel(units, edgeProbability, sgd.Optimizer.ToString(), sgd.LearningRate, sgd.BatchSize);
    }
}

/// <summary>[HiddenLayer] and [Sgd]: both layers of the sparse NNE network trained by gradient descent.</summary>
internal sealed record SparseNetworkSgdModel(int Hidden, double EdgeProbability, string Optimizer, double LearningRate, int BatchSize)
    : EpochSystemModel
{
    public override string Summary(ExperimentModel experiment) =>
        $"{Optimizer} (Table 1's SGD) {ExperimentGenerator.Emitter.DataPhrase(experiment.Data!)}, both layers of the sparse {experiment.Data!.Inputs} → {Hidden} ReLU → {experiment.Data!.Classes} network, " +
        $"η = {Code.Number(LearningRate)}, batch {BatchSize}.";

    public override void Emit(CodeWriter code, ExperimentModel experiment) =>
        EmitTrainer(code, experiment, "[HiddenLayer] and [Sgd]", "global::EvoDsl.Baselines.SparseNetworkSgdSettings",
            [
                $"Hidden: {Hidden}, EdgeProbability: {Code.Number(EdgeProbability)},",
                $"Optimizer: global::EvoDsl.Optimizer.{Optimizer}, LearningRate: {Code.Number(LearningRate)}, BatchSize: {BatchSize}",
            ],
            "new global::EvoDsl.Baselines.SparseNetworkSgdTraining(Settings, context)");
}
