namespace EvoDsl.Neurashed;

/// <summary>
/// The rules a neurashed description must satisfy, as one pure function so the source generator can
/// report the same problems as compile-time diagnostics.
/// </summary>
public static class NeurashedValidation
{
    /// <summary>Every problem of a description with <paramref name="levels"/> levels; empty when it is valid.</summary>
    public static IReadOnlyList<GraphProblem> Validate(int levels, IReadOnlyList<NeurashedNode> nodes)
    {
        var problems = new List<GraphProblem>();
        if (levels < 2)
            problems.Add(new(GraphProblemKind.TooFewLevels, "",
                $"A neurashed needs at least 2 levels (features below classes); declare 2 or more instead of {levels}."));

        var byName = new Dictionary<string, NeurashedNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!byName.TryAdd(node.Name, node))
                problems.Add(new(GraphProblemKind.DuplicateNode, node.Name,
                    $"Node '{node.Name}' is declared more than once; give each node its own name."));
            if (node.Level < 1 || node.Level > levels)
                problems.Add(new(GraphProblemKind.LevelOutOfRange, node.Name,
                    $"Node '{node.Name}' is on level {node.Level}; levels run from 1 to {levels}."));
        }

        for (int level = 1; level <= levels; level++)
            if (!nodes.Any(n => n.Level == level))
                problems.Add(new(GraphProblemKind.EmptyLevel, "",
                    level == levels
                        ? $"Level {level} (the classes) has no node; add one node per class."
                        : $"Level {level} has no node; add a node or remove the level."));

        foreach (var node in nodes)
            CheckEdgesAndRule(node, byName, problems);

        var reaches = ReachesFirstLevel(levels, nodes, byName);
        foreach (var node in nodes)
            if (node.Level == levels && levels >= 2 && !reaches.Contains(node.Name))
                problems.Add(new(GraphProblemKind.ClassWithoutPathway, node.Name,
                    $"Class '{node.Name}' has no chain of dependents down to level 1, so it can never fire; give it (or its dependents) dependents on the level below."));
        return problems;
    }

    private static void CheckEdgesAndRule(NeurashedNode node, Dictionary<string, NeurashedNode> byName, List<GraphProblem> problems)
    {
        if (node.Level == 1)
        {
            if (node.Dependents.Count > 0)
                problems.Add(new(GraphProblemKind.FirstLevelNodeWithDependents, node.Name,
                    $"Level-1 node '{node.Name}' lists dependents, but the input decides whether a level-1 node fires; remove them or move the node up."));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string dependent in node.Dependents)
        {
            if (!seen.Add(dependent))
            {
                problems.Add(new(GraphProblemKind.DuplicateDependent, node.Name,
                    $"Node '{node.Name}' lists dependent '{dependent}' more than once; list it once."));
                continue;
            }
            if (!byName.TryGetValue(dependent, out var target))
            {
                problems.Add(new(GraphProblemKind.UnknownNode, node.Name,
                    $"Node '{node.Name}' depends on '{dependent}', which is not a node; declare it or fix the name."));
                continue;
            }
            if (target.Level >= node.Level)
                problems.Add(new(GraphProblemKind.EdgePointsUp, node.Name,
                    $"Node '{node.Name}' (level {node.Level}) depends on '{dependent}' (level {target.Level}); dependents must be on level {node.Level - 1}."));
            else if (target.Level < node.Level - 1)
                problems.Add(new(GraphProblemKind.EdgeSkipsLevel, node.Name,
                    $"Node '{node.Name}' (level {node.Level}) depends on '{dependent}' (level {target.Level}), skipping a level; dependents must be on level {node.Level - 1}."));
        }

        if (node.Rule.Kind == FiringRuleKind.AtLeast && (node.Rule.K < 1 || node.Rule.K > seen.Count))
            problems.Add(new(GraphProblemKind.RuleOutOfRange, node.Name,
                $"Node '{node.Name}' fires on AtLeast({node.Rule.K}) of its {seen.Count} dependents; k must be between 1 and {seen.Count}."));
    }

    // Level by level: a node reaches level 1 if one of its well-formed dependents does.
    private static HashSet<string> ReachesFirstLevel(int levels, IReadOnlyList<NeurashedNode> nodes, Dictionary<string, NeurashedNode> byName)
    {
        var reaches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
            if (node.Level == 1)
                reaches.Add(node.Name);
        for (int level = 2; level <= levels; level++)
            foreach (var node in nodes)
                if (node.Level == level && node.Dependents.Any(d =>
                        byName.TryGetValue(d, out var target) && target.Level == level - 1 && reaches.Contains(d)))
                    reaches.Add(node.Name);
        return reaches;
    }
}
