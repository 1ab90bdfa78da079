using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>[RandomLayer]: a fixed Kaiming-uniform ReLU layer, optionally k-capped (KCap 0: no cap).</summary>
internal sealed record RandomLayerModel(int Units, int KCap)
{
    /// <summary>The runtime's RandomLayerSettings for it, as C#.</summary>
    public string Settings => $"new global::EvoDsl.Dnn.RandomLayerSettings(Hidden: {Units}, KCap: {KCap})";

    /// <summary>"1000 ReLU (top 50 kept)", for summaries.</summary>
    public override string ToString() => KCap == 0 ? $"{Units} ReLU" : $"{Units} ReLU (top {KCap} kept)";
}

/// <summary>The layers the built-in systems train on, and the settings the gradient systems share, as their attributes declare them.</summary>
internal static class Layers
{
    /// <summary>[HiddenLayer]: the sparse layer of the NNE network.</summary>
    public static (int Units, double EdgeProbability) Hidden(Declaration declaration)
    {
        AttributeData attribute = declaration.Find<HiddenLayerAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        HiddenLayerAttribute hidden = declaration.Read<HiddenLayerAttribute>(attribute);
        declaration.RequirePositive(at, "HiddenLayer units", hidden.Units);
        declaration.RequireProbability(at, nameof(HiddenLayerAttribute.EdgeProbability), hidden.EdgeProbability, allowZero: false);
        return (hidden.Units, hidden.EdgeProbability);
    }

    /// <summary>[RandomLayer], or null when its size or cap is out of range.</summary>
    public static RandomLayerModel? Random(Declaration declaration)
    {
        AttributeData attribute = declaration.Find<RandomLayerAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        RandomLayerAttribute random = declaration.Read<RandomLayerAttribute>(attribute);
        if (random.Units < 1)
        {
            declaration.RequirePositive(at, "RandomLayer units", random.Units);
            return null;
        }
        if (random.KCap < 0 || random.KCap > random.Units)
        {
            declaration.Report(DiagnosticDescriptors.KCapOutOfRange, at, random.KCap, random.Units);
            return null;
        }
        return new RandomLayerModel(random.Units, random.KCap);
    }

    /// <summary>EVO0016 for a system that trains an output layer on fixed random features but declares no [RandomLayer].</summary>
    public static void ReportMissingRandomLayer(Declaration declaration, string system, AttributeData? hidden) =>
        declaration.Report(DiagnosticDescriptors.LayerDoesNotFit, hidden is null ? declaration.ClassLocation : declaration.At(hidden), declaration.Experiment,
            hidden is null
                ? $"[{system}] trains an output layer on fixed random features; add [RandomLayer(1000)]"
                : $"[{system}] trains an output layer on a fixed [RandomLayer], not on the NNE's [HiddenLayer]; replace it by [RandomLayer(1000)]");

    /// <summary>A LearningRate and BatchSize, checked ([SignSgd], [Sgd]).</summary>
    public static void CheckStep(Declaration declaration, LocationInfo? at, double rate, int batch, double defaultRate)
    {
        declaration.RequireFinitePositive(at, "LearningRate", rate, $"it is the step size ({Code.Number(defaultRate)} is the default)");
        declaration.RequirePositive(at, "BatchSize", batch);
    }
}

/// <summary>Base of the systems whose Step() is one epoch over the training set.</summary>
internal abstract record EpochSystemModel : LearningSystemModel
{
    public override string StepNoun => "epoch";

    /// <summary>
    /// The settings (<paramref name="arguments"/>, one line each, without the closing parenthesis), [Mnist]'s data
    /// and the descriptor, whose Create is <paramref name="create"/>: the runtime trainer is the ITrainer.
    /// </summary>
    protected static void EmitTrainer(CodeWriter code, ExperimentModel experiment, string declared, string settingsType, string[] arguments, string create)
    {
        code.Line($"/// <summary>{declared} as declared.</summary>");
        code.Line($"private static readonly {settingsType} Settings = new(");
        for (int i = 0; i < arguments.Length; i++)
            code.Line("    " + arguments[i] + (i == arguments.Length - 1 ? ");" : ""));
        code.Line();
        Emitter.Descriptor(code, experiment, "\"epoch\"", "\"examples\"", "\"loss\"", create);
    }
}
