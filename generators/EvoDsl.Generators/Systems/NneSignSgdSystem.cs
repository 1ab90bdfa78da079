using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>
/// NNE + SignSGD (SPEC §1): [Nne] with [SignSgd(AllelesFrom = …)] on a [HiddenLayer]. The network of another
/// NNE run with weights W·round(p), its output layer trained by SignSGD. The trainer is the runtime's NneSignSgdTraining.
/// </summary>
internal sealed class NneSignSgdSystem() : SystemModule(
    "NNE + SignSGD", [typeof(NneAttribute), typeof(SignSgdAttribute)], typeof(HiddenLayerAttribute), nameof(RunAttribute.Epochs))
{
    public override bool NeedsFixedSubset => true;

    public override void ReportMissingLayer(Declaration declaration, AttributeData? other) => NneSystem.ReportMissingHiddenLayer(declaration, other);

    public override LearningSystemModel? Parse(Declaration declaration)
    {
        NneModel network = NneSystem.ParseNetwork(declaration);
        AttributeData attribute = declaration.Find<SignSgdAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        SignSgdAttribute signSgd = declaration.Read<SignSgdAttribute>(attribute);
        string? allelesFrom = signSgd.AllelesFrom;
        if (allelesFrom is null || !Parser.IsValidName(allelesFrom) || allelesFrom == declaration.Experiment)
        {
            declaration.Report(DiagnosticDescriptors.InvalidAllelesFrom, at, declaration.Experiment,
                allelesFrom is null
                    ? "[Nne] with [SignSgd] is NNE + SignSGD, which starts from the allele frequencies an NNE run learned; set AllelesFrom to that experiment's name"
                    : $"AllelesFrom \"{allelesFrom}\" must name another experiment, the NNE run whose alleles this one starts from");
            return null;
        }
        Layers.CheckStep(declaration, at, signSgd.LearningRate, signSgd.BatchSize, new SignSgdAttribute().LearningRate);
        return new NneSignSgdModel(network, signSgd.LearningRate, signSgd.BatchSize, allelesFrom);
    }
}

/// <summary>[HiddenLayer], [Nne] and [SignSgd(AllelesFrom)]: NNE + SignSGD, starting from another run's alleles.</summary>
internal sealed record NneSignSgdModel(NneModel Network, double LearningRate, int BatchSize, string AllelesFrom) : EpochSystemModel
{
    public override string? StartsFrom => AllelesFrom;

    public override string Summary(ExperimentModel experiment) =>
        $"NNE + SignSGD (SPEC §1) on digits {experiment.Data!.Digits}: the network of '{AllelesFrom}' with weights W·round(p), " +
        $"output layer by SignSGD, η = {Code.Number(LearningRate)}, batch {BatchSize}.";

    public override void Emit(CodeWriter code, ExperimentModel experiment) =>
        EmitTrainer(code, experiment, "[HiddenLayer], [Nne] and [SignSgd]", "global::EvoDsl.Baselines.NneSignSgdSettings",
            [
                "Network: new global::EvoDsl.Nne.NneSettings(",
                .. Network.SettingsArguments(","),
                $"LearningRate: {Code.Number(LearningRate)}, BatchSize: {BatchSize}",
            ],
            "new global::EvoDsl.Baselines.NneSignSgdTraining(Settings, context,\n" +
            $"global::EvoDsl.Baselines.NneSignSgdTraining.AllelesFrom(context, {Code.Literal(AllelesFrom)}, Settings.Network, Data))");
}
