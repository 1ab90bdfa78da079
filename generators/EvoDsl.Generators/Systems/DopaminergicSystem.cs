namespace EvoDsl.Generators.Systems;

/// <summary>DNN (SPEC §2): [Dopaminergic] on a [RandomLayer]. The trainer is the runtime's DopaminergicTraining.</summary>
internal sealed class DopaminergicSystem() : SystemModule(
    "[Dopaminergic]", [typeof(DopaminergicAttribute)], typeof(RandomLayerAttribute), nameof(RunAttribute.Epochs))
{
    public override void ReportMissingLayer(Declaration declaration, AttributeData? other) =>
        Layers.ReportMissingRandomLayer(declaration, "Dopaminergic", other);

    public override LearningSystemModel? Parse(Declaration declaration)
    {
        RandomLayerModel? layer = Layers.Random(declaration);
        AttributeData attribute = declaration.Find<DopaminergicAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        DopaminergicAttribute dnn = declaration.Read<DopaminergicAttribute>(attribute);
        declaration.RequireFinitePositive(at, nameof(DopaminergicAttribute.Threshold), dnn.Threshold, "it is the loss ε0 below which the dopamine signal rewards (paper: 0.75)");
        declaration.RequireFinitePositive(at, nameof(DopaminergicAttribute.Rate), dnn.Rate, "it is the size ε1 of one update (0.001 is the default)");
        return layer is null ? null : new DopaminergicModel(layer, dnn.Threshold, dnn.Rate, dnn.PostSynaptic.ToString(), dnn.PreSynaptic.ToString());
    }
}

/// <summary>[RandomLayer] and [Dopaminergic]; the enums are kept as their member names.</summary>
internal sealed record DopaminergicModel(RandomLayerModel Layer, double Threshold, double Rate, string PostSynaptic, string PreSynaptic)
    : EpochSystemModel
{
    public override string Summary(ExperimentModel experiment) =>
        $"DNN (SPEC §2) {ExperimentGenerator.Emitter.DataPhrase(experiment.Data!)}, fixed random {experiment.Data!.Inputs} → {Layer} → {experiment.Data!.Classes}, " +
        $"three-factor rule with ε0 = {Code.Number(Threshold)}, ε1 = {Code.Number(Rate)}, {PostSynaptic} outputs fire.";

    public override void Emit(CodeWriter code, ExperimentModel experiment) =>
        EmitTrainer(code, experiment, "[RandomLayer] and [Dopaminergic]", "global::EvoDsl.Dnn.DopaminergicSettings",
            [
                $"Layer: {Layer.Settings}, Threshold: {Code.Number(Threshold)}, Rate: {Code.Number(Rate)},",
                $"PostSynaptic: global::EvoDsl.PostSynapticFiring.{PostSynaptic}, PreSynaptic: global::EvoDsl.PreSynapticSignal.{PreSynaptic}",
            ],
            "new global::EvoDsl.Dnn.DopaminergicTraining(Settings, context)");
}
