namespace EvoDsl;

/// <summary>
/// Declares an experiment: the annotated <c>partial</c> class becomes a generated training loop
/// registered in the runner's catalog under <paramref name="name"/>
/// (<c>dotnet run --project experiments/EvoDsl.Experiments -- run NAME</c>).
/// </summary>
/// <param name="name">The name used on the command line: lowercase letters, digits and dashes.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExperimentAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>One line shown by <c>list</c>.</summary>
    public string? Description { get; set; }
}
