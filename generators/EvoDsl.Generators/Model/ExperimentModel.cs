namespace EvoDsl.Generators.Model;

/// <summary>
/// One valid experiment declaration, as plain values: everything the emitter needs and nothing
/// that would root a compilation (no symbols, syntax or locations).
/// </summary>
internal sealed record ExperimentModel(
    string Namespace,
    string ClassName,
    string Name,
    string Description,
    DataModel? Data,
    LearningSystemModel System,
    RunModel Run)
{
    /// <summary>The class name as C# code names it from anywhere: global::Namespace.ClassName.</summary>
    public string GlobalName => Namespace.Length == 0 ? "global::" + ClassName : $"global::{Namespace}.{ClassName}";

    public string FullName => Namespace.Length == 0 ? ClassName : $"{Namespace}.{ClassName}";
}

/// <summary>[Mnist] (absent for a neurashed, which trains on its declared inputs): the kept classes in canonical form and how many training examples per class (0: all).</summary>
internal sealed record DataModel(string Digits, int Classes, int TrainPerClass);

/// <summary>
/// The learning system a declaration chose, with the layers it trains on: one of the records below.
/// Records compare by value, so a changed attribute shows as a changed model.
/// </summary>
internal abstract record LearningSystemModel
{
    /// <summary>What one Step() is: "generation" or "epoch".</summary>
    public abstract string StepNoun { get; }

    /// <summary>What a step's work is counted in, for the rate: "genotype-samples" or "examples".</summary>
    public abstract string UnitNoun { get; }

    /// <summary>What the live score of a step is: "fitness" or "loss".</summary>
    public abstract string ScoreNoun { get; }
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
    string? FitnessHook) : LearningSystemModel
{
    public override string StepNoun => "generation";

    public override string UnitNoun => "genotype-samples";

    public override string ScoreNoun => "fitness";
}

/// <summary>Base of the systems that pass over the training set in epochs.</summary>
internal abstract record EpochSystemModel : LearningSystemModel
{
    public override string StepNoun => "epoch";

    public override string UnitNoun => "examples";

    public override string ScoreNoun => "loss";
}

/// <summary>[RandomLayer]: a fixed Kaiming-uniform ReLU layer, optionally k-capped (KCap 0: no cap).</summary>
internal sealed record RandomLayerModel(int Units, int KCap);

/// <summary>[RandomLayer] and [Dopaminergic]; the enums are kept as their member names.</summary>
internal sealed record DopaminergicModel(RandomLayerModel Layer, double Threshold, double Rate, string PostSynaptic, string PreSynaptic)
    : EpochSystemModel;

/// <summary>[RandomLayer] and [SignSgd]: SignSGD (eq. 5) on the output layer over fixed random features.</summary>
internal sealed record SignSgdModel(RandomLayerModel Layer, double LearningRate, int BatchSize) : EpochSystemModel;

/// <summary>[RandomLayer] and [Sgd]: the output layer trained by gradient descent over fixed random features.</summary>
internal sealed record OutputLayerSgdModel(RandomLayerModel Layer, string Optimizer, double LearningRate, int BatchSize) : EpochSystemModel;

/// <summary>[HiddenLayer], [Nne] and [SignSgd(AllelesFrom)]: NNE + SignSGD, starting from another run's alleles.</summary>
internal sealed record NneSignSgdModel(NneModel Network, double LearningRate, int BatchSize, string AllelesFrom) : EpochSystemModel;

/// <summary>[HiddenLayer] and [Sgd]: both layers of the sparse NNE network trained by gradient descent.</summary>
internal sealed record SparseNetworkSgdModel(int Hidden, double EdgeProbability, string Optimizer, double LearningRate, int BatchSize)
    : EpochSystemModel;

/// <summary>
/// A learning system written outside EvoDsl: an attribute deriving from LearningSystemAttribute whose
/// [Trainer] names a class implementing ITrainer. The nouns are the attribute's own (read at run time).
/// </summary>
/// <param name="AttributeName">The attribute as declarations write it ("RandomSearch").</param>
/// <param name="Settings">C# that constructs the attribute as declared: <c>new global::Lab.RandomSearchAttribute { Candidates = 10 }</c>.</param>
/// <param name="SettingsType">The attribute's type as C# names it from anywhere.</param>
/// <param name="Trainer">The trainer's type, closed with the generated Sizes when <paramref name="TakesSizes"/>.</param>
internal sealed record ExternalSystemModel(string AttributeName, string SettingsType, string Settings, string Trainer, bool TakesSizes)
    : LearningSystemModel
{
    public override string StepNoun => "step";

    public override string UnitNoun => "examples";

    public override string ScoreNoun => "score";
}

/// <summary>[Run]: default run length (generations or epochs, whichever the system counts), evaluation period and seed.</summary>
internal sealed record RunModel(int Steps, int EvaluateEvery, int Seed);

/// <summary>The parser's answer for one declaration: a model when it is valid, and its diagnostics.</summary>
internal sealed record ParseResult(ExperimentModel? Model, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// What the catalog needs of an experiment: its name, class, where it was declared, and the
/// experiment it starts from (NNE + SignSGD), so a name that does not exist is reported.
/// </summary>
internal sealed record CatalogEntry(string Name, string GlobalName, string FullName, LocationInfo? Location, string? StartsFrom);

/// <summary>
/// [Neurashed] with its graph: declared ([FeatureNodes], [Node], [Pattern], [NodeRule]) or drawn
/// ([RandomNeurashed]), and the optional [Amplification] hook's method name.
/// </summary>
internal sealed record NeurashedModel(
    int BatchSize,
    string Sampling,
    string Update,
    double Grow,
    double Shrink,
    double InitialLow,
    double InitialHigh,
    int Levels,
    EquatableArray<string> FeatureNodes,
    EquatableArray<NeurashedNodeModel> Nodes,
    EquatableArray<PatternModel> Patterns,
    EquatableArray<NodeRuleModel> NodeRules,
    RandomNeurashedModel? Random,
    string? AmplificationHook) : LearningSystemModel
{
    public override string StepNoun => "iteration";

    public override string UnitNoun => "inputs";

    public override string ScoreNoun => "loss";
}

/// <summary>[Node]: a node above level 1. AtLeast 0 means the Fires rule (Any or All) applies.</summary>
internal sealed record NeurashedNodeModel(string Name, int Level, EquatableArray<string> Dependents, string Fires, int AtLeast);

/// <summary>[Pattern]: an input type, the feature nodes it fires and its class node.</summary>
internal sealed record PatternModel(EquatableArray<string> Features, string Class);

/// <summary>[NodeRule]: g+ and g− for some nodes; NaN keeps [Neurashed]'s.</summary>
internal sealed record NodeRuleModel(EquatableArray<string> Nodes, double Grow, double Shrink);

/// <summary>[RandomNeurashed]: Theorem 1's random graph.</summary>
internal sealed record RandomNeurashedModel(int Classes, int Levels, int NodesPerLevel, int SharedNodes, int NodesPerClass);
