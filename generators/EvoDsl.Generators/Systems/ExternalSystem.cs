using Microsoft.CodeAnalysis.CSharp;
using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>
/// A learning system written outside EvoDsl: an attribute deriving from LearningSystemAttribute whose [Trainer]
/// names a class implementing ITrainer. The generator checks the trainer's shape (EVO0033) and emits the settings
/// (the attribute as declared), the data's sizes and the catalog entry.
/// </summary>
internal sealed class ExternalSystem() : SystemModule("a system of your own", attributes: [], layer: null, nameof(RunAttribute.Steps))
{
    private const string LearningSystemAttribute = "EvoDsl.LearningSystemAttribute";
    private const string TrainerAttribute = "EvoDsl.TrainerAttribute";
    private const string TrainerInterface = "EvoDsl.Training.ITrainer";
    private const string DataSizesInterface = "EvoDsl.Training.IDataSizes";
    private const string RunContextType = "EvoDsl.Training.RunContext";

    public override DataUse Data => DataUse.Optional;

    public override string TitleIn(Declaration declaration) => $"[{Parser.ShortName(Declared(declaration).First())}]";

    /// <summary>The attributes on the declaration that derive from LearningSystemAttribute.</summary>
    public override IEnumerable<AttributeData> Declared(Declaration declaration) => declaration.DerivingFrom(LearningSystemAttribute);

    /// <summary>Chosen when the declaration's only system attribute is one of the user's own.</summary>
    public override bool Chooses(Declaration declaration, IReadOnlyCollection<AttributeData> systems) =>
        systems.Count == 1 && Declared(declaration).Contains(systems.First());

    private static readonly SymbolDisplayFormat GlobalNameWithoutTypeArguments =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None);

    /// <summary>An attribute argument as C# that means the same from anywhere: enum members by their global name.</summary>
    private static string CSharp(TypedConstant value)
    {
        if (value.Kind == TypedConstantKind.Enum && value.Type is INamedTypeSymbol type)
        {
            string global = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            IFieldSymbol? member = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
            return member is null ? $"({global}){value.Value}" : $"{global}.{member.Name}";
        }
        return value.ToCSharpString();
    }


    /// <summary>
    /// A learning system of the user's own: its attribute (the settings, as declared) and the trainer its
    /// [Trainer] names, checked to be an ITrainer constructed from (the attribute, RunContext), optionally
    /// generic over the data's sizes.
    /// </summary>
    public override LearningSystemModel? Parse(Declaration declaration)
    {
        AttributeData system = Declared(declaration).First();
        INamedTypeSymbol attribute = system.AttributeClass!;
        string experiment = declaration.Experiment;
        bool hasData = declaration.Find<MnistAttribute>() is not null;
        string name = Parser.ShortName(system);
        LocationInfo? at = declaration.At(system);
        void Refuse(string why) => declaration.Report(DiagnosticDescriptors.InvalidLearningSystem, at, name, experiment, why);

        if ((declaration.Find<HiddenLayerAttribute>() ?? declaration.Find<RandomLayerAttribute>()) is { } layer)
        {
            Refuse($"[{Parser.ShortName(layer)}] belongs to the built-in systems; a system of your own builds its layers from the RunContext's data, so remove it");
            return null;
        }
        AttributeData? named = attribute.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == TrainerAttribute);
        if (named?.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol trainer)
        {
            Refuse($"its attribute class '{attribute.Name}' names no trainer; put [Trainer(typeof(YourTrainer))] on it");
            return null;
        }
        string trainerName = trainer.Name;
        if (trainer.IsAbstract || trainer.TypeKind != TypeKind.Class)
        {
            Refuse($"its trainer '{trainerName}' must be a class that is not abstract");
            return null;
        }
        INamedTypeSymbol definition = trainer.OriginalDefinition;
        if (!definition.AllInterfaces.Any(i => i.ToDisplayString() == TrainerInterface))
        {
            Refuse($"its trainer '{trainerName}' does not implement EvoDsl.Training.ITrainer; implement it (Step, Evaluate, the state to checkpoint)");
            return null;
        }
        bool takesSizes = definition.TypeParameters.Length > 0;
        if (takesSizes)
        {
            if (definition.TypeParameters.Length > 1 || !definition.TypeParameters[0].ConstraintTypes.Any(c => c.ToDisplayString() == DataSizesInterface))
            {
                Refuse($"its trainer '{trainerName}' may be generic only over one type parameter constrained to EvoDsl.Training.IDataSizes, which the generator fills with the declared sizes");
                return null;
            }
            if (!hasData)
            {
                Refuse($"its trainer '{trainerName}' takes the data's sizes, but the experiment declares no [Mnist]; add one");
                return null;
            }
        }
        bool constructible = definition.InstanceConstructors.Any(c =>
            c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
            && c.Parameters.Length == 2
            && (SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, attribute) || Declaration.DerivesFrom(attribute, c.Parameters[0].Type.ToDisplayString()))
            && c.Parameters[1].Type.ToDisplayString() == RunContextType);
        if (!constructible)
        {
            Refuse($"its trainer '{trainerName}' has no public constructor ({attribute.Name} settings, RunContext context); add one");
            return null;
        }

        string settingsType = attribute.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        string arguments = string.Join(", ", system.ConstructorArguments.Select(CSharp));
        string properties = string.Join(", ", system.NamedArguments.Select(a => $"{a.Key} = {CSharp(a.Value)}"));
        string settings = $"new {settingsType}({arguments})" + (properties.Length > 0 ? $" {{ {properties} }}" : "");
        string trainerType = definition.ToDisplayString(GlobalNameWithoutTypeArguments) + (takesSizes ? "<Sizes>" : "");
        return new ExternalSystemModel(name, settingsType, settings, trainerType, takesSizes);
    }
}

/// <summary>
/// A learning system of the user's own. The nouns are the attribute's own (read at run time).
/// </summary>
/// <param name="AttributeName">The attribute as declarations write it ("RandomSearch").</param>
/// <param name="SettingsType">The attribute's type as C# names it from anywhere.</param>
/// <param name="Settings">C# that constructs the attribute as declared: <c>new global::Lab.RandomSearchAttribute { Candidates = 10 }</c>.</param>
/// <param name="Trainer">The trainer's type, closed with the generated Sizes when <paramref name="TakesSizes"/>.</param>
internal sealed record ExternalSystemModel(string AttributeName, string SettingsType, string Settings, string Trainer, bool TakesSizes)
    : LearningSystemModel
{
    public override string StepNoun => "step";

    public override IEnumerable<string> Members => TakesSizes ? ["Sizes"] : [];

    public override string Summary(ExperimentModel experiment) =>
        $"[{AttributeName}], a learning system declared outside EvoDsl, trained by {Trainer.Replace("global::", "")} " +
        (experiment.Data is { } data ? Emitter.DataPhrase(data) : "on the inputs it brings") + ".";

    /// <summary>The settings as declared, the data and its sizes as constants, the catalog entry; the trainer is the user's.</summary>
    public override void Emit(CodeWriter code, ExperimentModel experiment)
    {
        code.Line($"/// <summary>[{AttributeName}] as declared: the settings its trainer is built with.</summary>");
        code.Line($"private static readonly {SettingsType} Settings = {Settings};");
        code.Line();
        Emitter.Descriptor(code, experiment, "Settings.StepNoun", "Settings.UnitNoun", "Settings.ScoreNoun", $"new {Trainer}(Settings, context)");
        if (!TakesSizes || experiment.Data is not { } data)
            return;
        code.Line();
        code.Line("/// <summary>The declared data's sizes as constants, so the JIT compiles the trainer for them.</summary>");
        using (code.GeneratedType("private readonly struct Sizes : global::EvoDsl.Training.IDataSizes"))
        {
            code.Line($"public static int Inputs => {data.Inputs};");
            code.Line($"public static int Classes => {data.Classes};");
            code.Line($"public static int TrainPerClass => {data.TrainPerClass};");
        }
    }
}
