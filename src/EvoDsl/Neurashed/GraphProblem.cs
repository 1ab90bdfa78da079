namespace EvoDsl.Neurashed;

/// <summary>What is wrong with a neurashed description; the generator maps each kind to one EVO diagnostic.</summary>
public enum GraphProblemKind
{
    /// <summary>Fewer than two levels: there must be features below the classes.</summary>
    TooFewLevels,

    /// <summary>A node's level is outside 1..L.</summary>
    LevelOutOfRange,

    /// <summary>Two nodes share a name.</summary>
    DuplicateNode,

    /// <summary>A level in 1..L has no node.</summary>
    EmptyLevel,

    /// <summary>A dependent names no node.</summary>
    UnknownNode,

    /// <summary>A level-1 node lists dependents (its firing comes from the input).</summary>
    FirstLevelNodeWithDependents,

    /// <summary>An edge reaches more than one level down.</summary>
    EdgeSkipsLevel,

    /// <summary>A dependent sits on the node's own level or above it.</summary>
    EdgePointsUp,

    /// <summary>A node lists the same dependent twice.</summary>
    DuplicateDependent,

    /// <summary>An AtLeast(k) rule with k &lt; 1 or k greater than the node's number of dependents.</summary>
    RuleOutOfRange,

    /// <summary>A class (last-level node) with no chain of edges down to a level-1 node: it can never fire.</summary>
    ClassWithoutPathway,
}

/// <summary>One problem of a description: its kind, the node it concerns and a message that says what to change.</summary>
public readonly record struct GraphProblem(GraphProblemKind Kind, string Node, string Message)
{
    public override string ToString() => $"{Kind}: {Message}";
}
