using System.Text.Json.Serialization;

namespace EvoDsl;

/// <summary>
/// The base of a learning system's attribute written outside EvoDsl, in a researcher's own project: derive
/// from it, give it the system's settings as properties, and name the trainer with <see cref="TrainerAttribute"/>.
/// An experiment declares it like a built-in system (<c>[MySystem(Rate = 0.1)]</c> beside <c>[Experiment]</c>,
/// <c>[Mnist]</c> and <c>[Run(Steps = …)]</c>); the generator emits the settings (this attribute, as declared),
/// the data sizes and the catalog entry, and checks the trainer's shape at compile time (EVO0033).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class LearningSystemAttribute : Attribute
{
    /// <summary>What one step is, for progress and summaries ("round", "generation").</summary>
    [JsonIgnore]
    public virtual string StepNoun => "step";

    /// <summary>What a step's work is counted in, for the rate ("examples", "candidate-samples").</summary>
    [JsonIgnore]
    public virtual string UnitNoun => "examples";

    /// <summary>What the live score of a step is ("loss", "fitness").</summary>
    [JsonIgnore]
    public virtual string ScoreNoun => "score";

    /// <summary>Not a setting: kept out of summary.json and the checkpoint's fingerprint.</summary>
    [JsonIgnore]
    public override object TypeId => base.TypeId;
}

/// <summary>
/// Names the trainer of a <see cref="LearningSystemAttribute"/>: a class implementing
/// <c>ITrainer</c> (namespace EvoDsl.Training) with a public constructor (TheAttribute settings, RunContext context);
/// or such a generic class of one type parameter constrained to <c>IDataSizes</c>, which the
/// generator closes with the experiment's sizes as constants.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TrainerAttribute(Type trainer) : Attribute
{
    public Type Trainer { get; } = trainer;
}
