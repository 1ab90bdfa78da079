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

    /// <summary>
    /// The names the generated half declares: Settings, Descriptor, Data (with [Mnist]) and the system's own
    /// members. A user member of the same name would not compile, so the parser reports it (EVO0032).
    /// </summary>
    public IEnumerable<string> DeclaredNames =>
        new[] { "Settings", "Descriptor" }.Concat(Data is null ? [] : ["Data"]).Concat(System.Members);
}

/// <summary>
/// [Mnist] (absent for a system that brings its own inputs): the kept classes in canonical form, how many training
/// examples per class (0: all), and the images' form (a MnistImages member name) with the inputs it gives.
/// </summary>
internal sealed record DataModel(string Digits, int Classes, int TrainPerClass, string Images = nameof(MnistImages.Original))
{
    /// <summary>Inputs per example: 784, or 256 for WANN's deskewed 16 × 16 images.</summary>
    public int Inputs => Images == nameof(MnistImages.Deskewed16) ? 256 : 784;
}

/// <summary>
/// The learning system a declaration chose, as plain values, and the code it writes: each system's record
/// is in its module under Systems/. Records compare by value, so a changed attribute shows as a changed model.
/// </summary>
internal abstract record LearningSystemModel
{
    /// <summary>What one Step() is: "generation", "epoch", "iteration".</summary>
    public abstract string StepNoun { get; }

    /// <summary>The generated file's third line: what the declaration trains, in the papers' words.</summary>
    public abstract string Summary(ExperimentModel experiment);

    /// <summary>
    /// The members of the class's generated half: the settings, [Mnist]'s data and the descriptor
    /// (through <see cref="ExperimentGenerator.Emitter.Descriptor"/>), and the types the trainer is closed over.
    /// </summary>
    public abstract void Emit(CodeWriter code, ExperimentModel experiment);

    /// <summary>The names <see cref="Emit"/> declares besides Settings, Data and Descriptor: nested types and methods (a user member of the same name is reported).</summary>
    public virtual IEnumerable<string> Members => [];

    /// <summary>The experiment whose results this one starts from (NNE + SignSGD), so the catalog can check that it exists.</summary>
    public virtual string? StartsFrom => null;
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
