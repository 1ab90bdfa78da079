namespace EvoDsl;

/// <summary>
/// Marks a neurashed's own update rule, used instead of [Neurashed]'s Grow and Shrink for every node
/// and edge: <c>static double Name(double value, bool onPathway, int node)</c> returns g+(value) when
/// <c>onPathway</c>, else g−(value); <c>node</c> is the node's index for its λ and −1 for a class edge's η.
/// The generated loop calls it directly, so the JIT can inline it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AmplificationAttribute : Attribute;
