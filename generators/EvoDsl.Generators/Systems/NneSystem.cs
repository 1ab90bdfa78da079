using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>NNE (SPEC §1): [Nne] on a [HiddenLayer], with an optional [Fitness] hook. The trainer is the runtime's NneEvolution.</summary>
internal sealed class NneSystem() : SystemModule("NNE", [typeof(NneAttribute)], typeof(HiddenLayerAttribute), nameof(RunAttribute.Generations))
{
    public override bool NeedsFixedSubset => true;

    public override void ReportMissingLayer(Declaration declaration, AttributeData? other) => ReportMissingHiddenLayer(declaration, other);

    /// <summary>EVO0017 without a layer; EVO0016 for a [RandomLayer] in its place.</summary>
    public static void ReportMissingHiddenLayer(Declaration declaration, AttributeData? random)
    {
        if (random is null)
            declaration.Report(DiagnosticDescriptors.MissingHiddenLayer, declaration.ClassLocation, declaration.Experiment);
        else
            declaration.Report(DiagnosticDescriptors.LayerDoesNotFit, declaration.At(random), declaration.Experiment,
                "NNE evolves the weights of a sparse [HiddenLayer], not a fixed [RandomLayer]; replace it by [HiddenLayer(1000, EdgeProbability = 0.1)]");
    }

    public override LearningSystemModel? Parse(Declaration declaration) => ParseNetwork(declaration);

    /// <summary>[HiddenLayer], [Nne] and the [Fitness] hook: the network NNE evolves (also the start of NNE + SignSGD).</summary>
    public static NneModel ParseNetwork(Declaration declaration)
    {
        (int units, double edgeProbability) = Layers.Hidden(declaration);
        AttributeData attribute = declaration.Find<NneAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        NneAttribute nne = declaration.Read<NneAttribute>(attribute);
        declaration.RequirePositive(at, nameof(NneAttribute.Genes), nne.Genes);
        declaration.RequirePositive(at, nameof(NneAttribute.Population), nne.Population);
        declaration.RequireProbability(at, nameof(NneAttribute.GeneDensity), nne.GeneDensity, allowZero: false);
        declaration.RequireFinitePositive(at, nameof(NneAttribute.Selection), nne.Selection, "the selection strength ε of eq. 3 must be > 0 (100 is the default)");
        declaration.RequireFinitePositive(at, nameof(NneAttribute.WeightGain), nne.WeightGain, "it multiplies the fan-in weight scale (8 is the default)");
        IMethodSymbol? hook = declaration.Hook<FitnessAttribute>(HasFitnessSignature,
            (first, second) => DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateFitnessHook, Declaration.At(second), declaration.Class.Name, first.Name, second.Name),
            invalid => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFitnessHook, Declaration.At(invalid), invalid.Name));
        return new NneModel(units, edgeProbability, nne.Genes, nne.Population, nne.GeneDensity, nne.Selection, nne.WeightGain, hook?.Name,
            nne.EmptySide.ToString());
    }

    // Any accessibility will do: the generated code is part of the same class.
    private static bool HasFitnessSignature(IMethodSymbol hook) =>
        hook.IsStatic
        && !hook.IsGenericMethod
        && hook.ReturnType.SpecialType == SpecialType.System_Single
        && hook.Parameters.Length == 2
        && hook.Parameters.All(p => p.RefKind == RefKind.None)
        && hook.Parameters[0].Type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span
        && span.ContainingNamespace.ToDisplayString() == "System"
        && span.TypeArguments[0].SpecialType == SpecialType.System_Single
        && hook.Parameters[1].Type.SpecialType == SpecialType.System_Int32;
}

/// <summary>[HiddenLayer] and [Nne], plus the optional [Fitness] hook's method name.</summary>
internal sealed record NneModel(
    int Hidden,
    double EdgeProbability,
    int Genes,
    int Population,
    double GeneDensity,
    double Selection,
    double WeightGain,
    string? FitnessHook,
    string EmptySide) : LearningSystemModel
{
    public override string StepNoun => "generation";

    public override IEnumerable<string> Members => FitnessHook is null ? ["Sizes"] : ["Sizes", "FitnessHook"];

    public override string Summary(ExperimentModel experiment)
    {
        DataModel data = experiment.Data!;
        return $"NNE (SPEC §1) on digits {data.Digits}, {data.Inputs} → {Hidden} ReLU → {data.Classes}, n = {Genes} genes, N = {Population} genotypes, " +
               (FitnessHook is null ? "fitness max{0, α² − L²}" : $"fitness hook {FitnessHook}") +
               (EmptySide == nameof(global::EvoDsl.EmptySide.PopulationMean) ? "." : $", an empty side's fitness {EmptySide}.");
    }

    /// <summary>
    /// The arguments of the runtime's NneSettings for this network, as C# lines; the last closes the call
    /// and ends with <paramref name="end"/>. EmptySide is written only when declared otherwise than its default.
    /// </summary>
    public string[] SettingsArguments(string end)
    {
        string hook = $"FitnessHook: {(FitnessHook is null ? "null" : $"nameof({FitnessHook})")}";
        string last = EmptySide == nameof(global::EvoDsl.EmptySide.PopulationMean)
            ? $"    {hook}){end}"
            : $"    {hook}, EmptySide: global::EvoDsl.EmptySide.{EmptySide}){end}";
        return
        [
            $"    Hidden: {Hidden}, EdgeProbability: {Code.Number(EdgeProbability)}, Genes: {Genes}, Population: {Population},",
            $"    GeneDensity: {Code.Number(GeneDensity)}, Selection: {Code.Number(Selection)}, WeightGain: {Code.Number(WeightGain)},",
            last,
        ];
    }

    /// <summary>
    /// The settings, the sizes and the hook as struct type arguments, and the catalog entry; the runtime's
    /// NneEvolution is the trainer.
    /// </summary>
    public override void Emit(CodeWriter code, ExperimentModel experiment)
    {
        code.Line("/// <summary>[HiddenLayer] and [Nne] as declared.</summary>");
        code.Line("private static readonly global::EvoDsl.Nne.NneSettings Settings = new(");
        foreach (string line in SettingsArguments(";"))
            code.Line(line);
        code.Line();
        string fitness = FitnessHook is null ? "global::EvoDsl.Kernels.MarginOverChanceFitness" : "FitnessHook";
        Emitter.Descriptor(code, experiment, "\"generation\"", "\"genotype-samples\"", "\"fitness\"",
            $"new global::EvoDsl.Nne.NneEvolution<Sizes, {fitness}>(Settings, context)");
        EmitTypes(code, experiment);
    }

    private void EmitTypes(CodeWriter code, ExperimentModel experiment)
    {
        DataModel data = experiment.Data!;
        code.Line();
        code.Line("/// <summary>The declared sizes as constants, so the JIT compiles the evaluation loop for them.</summary>");
        using (code.GeneratedType("private readonly struct Sizes : global::EvoDsl.Nne.INneSizes"))
        {
            code.Line($"public static int Inputs => {data.Inputs};");
            code.Line($"public static int Hidden => {Hidden};");
            code.Line($"public static int Classes => {data.Classes};");
            code.Line($"public static int Genes => {Genes};");
            code.Line($"public static int Population => {Population};");
            code.Line($"public static int TrainSize => {data.Classes * data.TrainPerClass}; // Classes × TrainPerClass");
        }
        if (FitnessHook is not { } hook)
            return;
        code.Line();
        code.Line($"/// <summary>Calls the declared [Fitness] hook {hook} directly, so the JIT can inline it.</summary>");
        using (code.GeneratedType("private readonly struct FitnessHook : global::EvoDsl.Kernels.ISampleFitness"))
        {
            // Qualified: a hook named Evaluate would otherwise bind to this struct's Evaluate and recurse.
            code.Line($"public static float Evaluate(global::System.ReadOnlySpan<float> logits, int label) => {experiment.ClassName}.{hook}(logits, label);");
            code.Line();
            code.Line("public static global::System.Runtime.Intrinsics.Vector512<float> EvaluateLanes(");
            code.Line("    global::System.ReadOnlySpan<global::System.Runtime.Intrinsics.Vector512<float>> logits, int label) =>");
            code.Line("    global::EvoDsl.Kernels.LaneByLane.Evaluate<FitnessHook>(logits, label);");
        }
    }
}
