using System.Collections.Immutable;
using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>What data a learning system trains on.</summary>
internal enum DataUse
{
    /// <summary>[Mnist] is required.</summary>
    Required,

    /// <summary>[Mnist] when declared; without it the system brings its own inputs.</summary>
    Optional,

    /// <summary>The system brings its own inputs; it reports a declared [Mnist] itself.</summary>
    None,
}

/// <summary>
/// A learning system as the generator's core knows it: the attributes that choose it, the layer it trains
/// on, how its declaration parses, and what data and run length it takes. The model its
/// <see cref="Parse"/> returns writes the system's code (<see cref="LearningSystemModel"/>). A module is one
/// file under Systems/; the core switches over no system by name.
/// </summary>
/// <param name="title">How a sentence names it: "NNE", "[Dopaminergic]".</param>
/// <param name="attributes">The attribute classes that together choose it ([Nne]; NNE + SignSGD: [Nne] and [SignSgd]).</param>
/// <param name="layer">The layer attribute it trains on ([HiddenLayer], [RandomLayer]), or null when it brings its own.</param>
/// <param name="runLength">The [Run] property that counts its steps ("Generations"); its default is that property's.</param>
internal abstract class SystemModule(string title, Type[] attributes, Type? layer, string runLength)
{
    /// <summary>
    /// Every module, in the order in which a declaration's system attributes are named when they conflict.
    /// A module whose attributes equal a declaration's system attributes is chosen; when several are, the one
    /// whose <see cref="Layer"/> is declared.
    /// </summary>
    public static ImmutableArray<SystemModule> All { get; } =
    [
        new NneSystem(),
        new DopaminergicSystem(),
        new SignSgdSystem(),
        new NneSignSgdSystem(),
        new OutputLayerSgdSystem(),
        new SparseNetworkSgdSystem(),
        new NeurashedSystem(),
        new WannSystem(),
        new GeneticProgrammingSystem(),
        new ExternalSystem(),
    ];

    /// <summary>The built-in systems' attributes as EVO0005 lists them: "[Neurashed], [Nne], … or [Sgd]".</summary>
    public static string Names { get; } = NameList(All.SelectMany(m => m.Attributes).Distinct().Select(a => $"[{Parser.ShortName(a.Name)}]").ToArray());

    /// <summary>Which attributes combine into one system, for EVO0015: "only [Nne] and [SignSgd] combine, as NNE + SignSGD".</summary>
    public static string Combinations { get; } = "only " + string.Join("; ", All.Where(m => m.Attributes.Length > 1)
        .Select(m => $"{string.Join(" and ", m.Attributes.Select(a => $"[{Parser.ShortName(a.Name)}]"))} combine, as {m.Title}"));

    private static string NameList(string[] names) =>
        names.Length < 2 ? string.Concat(names) : string.Join(", ", names.Take(names.Length - 1)) + " or " + names[names.Length - 1];

    public string Title { get; } = title;

    /// <summary>How a sentence names the system a declaration chose (a system of your own: its attribute).</summary>
    public virtual string TitleIn(Declaration declaration) => Title;

    protected Type[] Attributes { get; } = attributes;

    public Type? Layer { get; } = layer;

    public string RunLength { get; } = runLength;

    public virtual DataUse Data => DataUse.Required;

    /// <summary>Whether [Mnist] must give a positive TrainPerClass: the fixed subset S the NNE network trains on.</summary>
    public virtual bool NeedsFixedSubset => false;

    /// <summary>This system's attributes on the declaration (those of <see cref="Attributes"/> it declares).</summary>
    public virtual IEnumerable<AttributeData> Declared(Declaration declaration) =>
        Attributes.Select(a => declaration.Find(a.FullName!)).Where(a => a is not null)!;

    /// <summary>Whether <paramref name="systems"/>, all the system attributes the declaration has, are exactly this system's.</summary>
    public virtual bool Chooses(Declaration declaration, IReadOnlyCollection<AttributeData> systems)
    {
        AttributeData[] own = Declared(declaration).ToArray();
        return own.Length == Attributes.Length && systems.Count == own.Length && own.All(systems.Contains);
    }

    /// <summary>
    /// Reports that the declaration lacks <see cref="Layer"/>: <paramref name="other"/> is the other layer
    /// attribute it declares instead, or null.
    /// </summary>
    public virtual void ReportMissingLayer(Declaration declaration, AttributeData? other) { }

    /// <summary>The system's model, or null with diagnostics.</summary>
    public abstract LearningSystemModel? Parse(Declaration declaration);
}
