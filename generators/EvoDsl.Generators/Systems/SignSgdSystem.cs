namespace EvoDsl.Generators.Systems;

/// <summary>Table 2's SignSGD (eq. 5): [SignSgd] on a [RandomLayer]. The trainer is the runtime's SignSgdTraining.</summary>
internal sealed class SignSgdSystem() : SystemModule("[SignSgd]", [typeof(SignSgdAttribute)], typeof(RandomLayerAttribute), nameof(RunAttribute.Epochs))
{
    public override void ReportMissingLayer(Declaration declaration, AttributeData? other)
    {
        if (!RefuseAllelesFrom(declaration))
            Layers.ReportMissingRandomLayer(declaration, "SignSgd", other);
    }

    public override LearningSystemModel? Parse(Declaration declaration)
    {
        if (RefuseAllelesFrom(declaration))
            return null;
        RandomLayerModel? layer = Layers.Random(declaration);
        AttributeData attribute = declaration.Find<SignSgdAttribute>()!;
        SignSgdAttribute signSgd = declaration.Read<SignSgdAttribute>(attribute);
        Layers.CheckStep(declaration, declaration.At(attribute), signSgd.LearningRate, signSgd.BatchSize, new SignSgdAttribute().LearningRate);
        return layer is null ? null : new SignSgdModel(layer, signSgd.LearningRate, signSgd.BatchSize);
    }

    /// <summary>EVO0020 for AllelesFrom without [Nne]: it belongs to NNE + SignSGD.</summary>
    private static bool RefuseAllelesFrom(Declaration declaration)
    {
        AttributeData attribute = declaration.Find<SignSgdAttribute>()!;
        if (!Declaration.IsSet(attribute, nameof(SignSgdAttribute.AllelesFrom)) || declaration.Read<SignSgdAttribute>(attribute).AllelesFrom is null)
            return false;
        declaration.Report(DiagnosticDescriptors.InvalidAllelesFrom, declaration.At(attribute), declaration.Experiment,
            "AllelesFrom applies to NNE + SignSGD only; add the [HiddenLayer] and [Nne] of the run it names, or remove AllelesFrom");
        return true;
    }
}

/// <summary>[RandomLayer] and [SignSgd]: SignSGD (eq. 5) on the output layer over fixed random features.</summary>
internal sealed record SignSgdModel(RandomLayerModel Layer, double LearningRate, int BatchSize) : EpochSystemModel
{
    public override string Summary(ExperimentModel experiment) =>
        $"SignSGD (eq. 5) {ExperimentGenerator.Emitter.DataPhrase(experiment.Data!)}, fixed random {experiment.Data!.Inputs} → {Layer} → {experiment.Data!.Classes}, " +
        $"η = {Code.Number(LearningRate)}, batch {BatchSize}.";

    public override void Emit(CodeWriter code, ExperimentModel experiment) =>
        EmitTrainer(code, experiment, "[RandomLayer] and [SignSgd]", "global::EvoDsl.Baselines.SignSgdSettings",
            [$"Layer: {Layer.Settings}, LearningRate: {Code.Number(LearningRate)}, BatchSize: {BatchSize}"],
            "new global::EvoDsl.Baselines.SignSgdTraining(Settings, context)");
}
