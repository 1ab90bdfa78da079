using static EvoDsl.Generators.ExperimentGenerator;

namespace EvoDsl.Generators.Systems;

/// <summary>
/// The neurashed (SPEC §3): [Neurashed] with a declared graph ([FeatureNodes], [Node], [Pattern], [NodeRule])
/// or a drawn one ([RandomNeurashed]), and an optional [Amplification] hook. It trains on its own inputs.
/// The trainer is the runtime's NeurashedExperiment, closed over the λ and η rules emitted here.
/// </summary>
internal sealed class NeurashedSystem() : SystemModule("[Neurashed]", [typeof(NeurashedAttribute)], layer: null, nameof(RunAttribute.Iterations))
{
    public override DataUse Data => DataUse.None;

    /// <summary>
    /// [Neurashed] with its graph, checked the way the runtime's NeurashedValidation checks a built
    /// one, so a malformed graph fails at compile time at the attribute that is wrong.
    /// </summary>
    public override LearningSystemModel? Parse(Declaration declaration)
    {
        string experiment = declaration.Experiment;
        AttributeData? extra = declaration.Find<MnistAttribute>() ?? declaration.Find<HiddenLayerAttribute>() ?? declaration.Find<RandomLayerAttribute>();
        if (extra is not null)
        {
            declaration.Report(DiagnosticDescriptors.NeurashedShape, declaration.At(extra), experiment,
                $"a neurashed trains on its [Pattern] inputs through its own graph; remove [{Parser.ShortName(extra)}]");
            return null;
        }
        AttributeData attribute = declaration.Find<NeurashedAttribute>()!;
        LocationInfo? at = declaration.At(attribute);
        int errors = declaration.Diagnostics.Count;
        NeurashedAttribute neurashed = declaration.Read<NeurashedAttribute>(attribute);
        declaration.RequirePositive(at, nameof(NeurashedAttribute.BatchSize), neurashed.BatchSize);
        RequireGrowth(declaration, at, nameof(NeurashedAttribute.Grow), neurashed.Grow, neurashed.Update);
        RequireShrink(declaration, at, nameof(NeurashedAttribute.Shrink), neurashed.Shrink);
        if (!(neurashed.InitialLow >= 0) || !(neurashed.InitialHigh >= neurashed.InitialLow) || double.IsInfinity(neurashed.InitialHigh))
            declaration.Report(DiagnosticDescriptors.InvalidAmplificationRule, at, "InitialLow..InitialHigh",
                $"{Code.Number(neurashed.InitialLow)}..{Code.Number(neurashed.InitialHigh)}",
                "initial factors are drawn from Uniform(InitialLow, InitialHigh): set 0 ≤ InitialLow ≤ InitialHigh");

        string? hook = declaration.Hook<AmplificationAttribute>(IsAmplificationSignature,
            (_, second) => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAmplificationHook, Declaration.At(second), second.Name),
            invalid => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAmplificationHook, Declaration.At(invalid), invalid.Name))?.Name;
        AttributeData? features = declaration.Find<FeatureNodesAttribute>();
        AttributeData[] nodes = declaration.FindAll<NodeAttribute>();
        AttributeData[] patterns = declaration.FindAll<PatternAttribute>();
        AttributeData[] rules = declaration.FindAll<NodeRuleAttribute>();
        AttributeData? random = declaration.Find<RandomNeurashedAttribute>();
        NeurashedModel Model(int levels, EquatableArray<string> featureNames, EquatableArray<NeurashedNodeModel> graphNodes, EquatableArray<PatternModel> inputs,
            EquatableArray<NodeRuleModel> nodeRules, RandomNeurashedModel? drawn) =>
            new(neurashed.BatchSize, neurashed.Sampling.ToString(), neurashed.Update.ToString(), neurashed.Grow, neurashed.Shrink,
                neurashed.InitialLow, neurashed.InitialHigh, levels, featureNames, graphNodes, inputs, nodeRules, drawn, hook);

        if (random is not null && (features is not null || nodes.Length > 0 || patterns.Length > 0))
        {
            declaration.Report(DiagnosticDescriptors.NeurashedShape, declaration.At(random), experiment,
                "it declares a graph ([FeatureNodes], [Node], [Pattern]) and draws one ([RandomNeurashed]); keep one of the two");
            return null;
        }
        if (random is not null)
        {
            RandomNeurashedModel? graph = ParseRandomGraph(declaration, random);
            if (rules.Length > 0)
                declaration.Report(DiagnosticDescriptors.NeurashedShape, declaration.At(rules[0]), experiment,
                    "[NodeRule] names nodes of a declared graph, but [RandomNeurashed] draws its nodes; use an [Amplification] hook instead");
            return graph is null || declaration.Diagnostics.Count > errors
                ? null
                : Model(graph.Levels, EquatableArray<string>.Empty, EquatableArray<NeurashedNodeModel>.Empty, EquatableArray<PatternModel>.Empty,
                    EquatableArray<NodeRuleModel>.Empty, graph);
        }
        if (features is null || nodes.Length == 0)
        {
            declaration.Report(DiagnosticDescriptors.NeurashedShape, at, experiment,
                features is null
                    ? "it declares no graph; add [FeatureNodes(\"1,2,3\")], [Node(...)] for the levels above and [Pattern(...)] for the inputs, or [RandomNeurashed]"
                    : "it declares no node above level 1; add [Node(\"class1\", 2, \"1,2\")] for each class");
            return null;
        }
        if (patterns.Length == 0)
        {
            declaration.Report(DiagnosticDescriptors.NeurashedShape, at, experiment, "it declares no input; add a [Pattern(\"1,2\", \"class1\")] for each input type");
            return null;
        }

        // Nodes by name with their level; level 1 is [FeatureNodes].
        LocationInfo? featuresAt = declaration.At(features);
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] featureNames = List(declaration.Read<FeatureNodesAttribute>(features).Names);
        foreach (string name in featureNames)
        {
            if (level.ContainsKey(name))
                declaration.Report(DiagnosticDescriptors.DuplicateNode, featuresAt, $"Node '{name}' is declared twice");
            level[name] = 1;
        }
        var parsed = new List<(NeurashedNodeModel Node, LocationInfo? At)>();
        foreach (AttributeData attributeOfNode in nodes)
        {
            LocationInfo? nodeAt = declaration.At(attributeOfNode);
            NodeAttribute node = declaration.Read<NodeAttribute>(attributeOfNode);
            string name = node.Name ?? "";
            string[] dependents = List(node.Dependents);
            if (node.Level < 2)
                declaration.Report(DiagnosticDescriptors.NeurashedShape, nodeAt, experiment,
                    $"node '{name}' is on level {node.Level}, but [Node] declares levels 2 and up; level 1 is [FeatureNodes]");
            if (level.ContainsKey(name))
                declaration.Report(DiagnosticDescriptors.DuplicateNode, nodeAt, $"Node '{name}' is declared twice");
            foreach (string twice in dependents.GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
                declaration.Report(DiagnosticDescriptors.DuplicateNode, nodeAt, $"Node '{name}' lists dependent '{twice}' twice");
            level[name] = node.Level;
            parsed.Add((new NeurashedNodeModel(name, node.Level, new EquatableArray<string>(dependents), node.Fires.ToString(), node.AtLeast), nodeAt));
        }
        if (declaration.Diagnostics.Count > errors)
            return null;

        int levels = parsed.Max(p => p.Node.Level);
        foreach (int empty in Enumerable.Range(2, levels - 1).Where(l => parsed.All(p => p.Node.Level != l)))
            declaration.Report(DiagnosticDescriptors.EmptyLevel, at, empty, levels);
        if (declaration.Diagnostics.Count > errors)
            return null; // every edge across the gap would also be reported
        foreach ((NeurashedNodeModel node, LocationInfo? nodeAt) in parsed)
        {
            foreach (string dependent in node.Dependents)
            {
                if (!level.TryGetValue(dependent, out int below))
                    declaration.Report(DiagnosticDescriptors.UnknownNode, nodeAt, $"Node '{node.Name}'", dependent);
                else if (below != node.Level - 1)
                    declaration.Report(DiagnosticDescriptors.EdgeNotOneLevelDown, nodeAt, node.Name, node.Level, dependent, below, node.Level - 1);
            }
            if (node.AtLeast != 0 && (node.AtLeast < 1 || node.AtLeast > node.Dependents.Count))
                declaration.Report(DiagnosticDescriptors.FiringRuleOutOfRange, nodeAt, node.Name, node.AtLeast, node.Dependents.Count);
        }
        if (declaration.Diagnostics.Count > errors)
            return null;

        // A node can fire when enough of its dependents can (level 1 always can): bottom up.
        var canFire = new HashSet<string>(featureNames, StringComparer.Ordinal);
        foreach (NeurashedNodeModel node in parsed.Select(p => p.Node).OrderBy(n => n.Level))
        {
            int able = node.Dependents.Count(canFire.Contains);
            int needed = node.AtLeast > 0 ? node.AtLeast : node.Fires == nameof(Firing.All) ? node.Dependents.Count : 1;
            if (node.Dependents.Count > 0 && able >= needed)
                canFire.Add(node.Name);
        }
        foreach ((NeurashedNodeModel node, LocationInfo? nodeAt) in parsed.Where(p => p.Node.Level == levels && !canFire.Contains(p.Node.Name)))
            declaration.Report(DiagnosticDescriptors.ClassWithoutPathway, nodeAt, node.Name);

        var inputs = new List<PatternModel>();
        foreach (AttributeData attributeOfPattern in patterns)
        {
            LocationInfo? patternAt = declaration.At(attributeOfPattern);
            PatternAttribute pattern = declaration.Read<PatternAttribute>(attributeOfPattern);
            string[] fired = List(pattern.Features);
            string label = pattern.Class ?? "";
            foreach (string feature in fired.Where(f => !level.TryGetValue(f, out int l) || l != 1))
                declaration.Report(DiagnosticDescriptors.UnknownNode, patternAt, "[Pattern] as a feature", feature);
            if (!level.TryGetValue(label, out int classLevel) || classLevel != levels)
                declaration.Report(DiagnosticDescriptors.UnknownNode, patternAt, $"[Pattern] as its class (a level-{levels} node)", label);
            inputs.Add(new PatternModel(new EquatableArray<string>(fired), label));
        }
        var nodeRules = new List<NodeRuleModel>();
        foreach (AttributeData attributeOfRule in rules)
        {
            LocationInfo? ruleAt = declaration.At(attributeOfRule);
            NodeRuleAttribute rule = declaration.Read<NodeRuleAttribute>(attributeOfRule);
            string[] named = List(rule.Nodes);
            foreach (string node in named.Where(n => !level.TryGetValue(n, out int l) || l == levels))
                declaration.Report(DiagnosticDescriptors.UnknownNode, ruleAt, "[NodeRule] as a node with an amplification factor (below the classes)", node);
            if (!double.IsNaN(rule.Grow))
                RequireGrowth(declaration, ruleAt, nameof(NodeRuleAttribute.Grow), rule.Grow, neurashed.Update);
            if (!double.IsNaN(rule.Shrink))
                RequireShrink(declaration, ruleAt, nameof(NodeRuleAttribute.Shrink), rule.Shrink);
            nodeRules.Add(new NodeRuleModel(new EquatableArray<string>(named), rule.Grow, rule.Shrink));
        }
        if (declaration.Diagnostics.Count > errors)
            return null;
        return Model(levels, new EquatableArray<string>(featureNames), new EquatableArray<NeurashedNodeModel>(parsed.Select(p => p.Node)),
            new EquatableArray<PatternModel>(inputs), new EquatableArray<NodeRuleModel>(nodeRules), null);
    }

    private static RandomNeurashedModel? ParseRandomGraph(Declaration declaration, AttributeData attribute)
    {
        LocationInfo? at = declaration.At(attribute);
        RandomNeurashedAttribute random = declaration.Read<RandomNeurashedAttribute>(attribute);
        var graph = new RandomNeurashedModel(random.Classes, random.Levels, random.NodesPerLevel, random.SharedNodes, random.NodesPerClass);
        int errors = declaration.Diagnostics.Count;
        declaration.RequirePositive(at, nameof(RandomNeurashedAttribute.SharedNodes), graph.SharedNodes);
        declaration.RequirePositive(at, nameof(RandomNeurashedAttribute.NodesPerClass), graph.NodesPerClass);
        if (graph.Classes < 2)
            declaration.Report(DiagnosticDescriptors.SizeMustBePositive, at, "Classes - 1", graph.Classes - 1);
        if (graph.Levels < 2)
            declaration.Report(DiagnosticDescriptors.SizeMustBePositive, at, "Levels - 1 (levels below the classes)", graph.Levels - 1);
        // Each class draws its b2 nodes from the level's non-shared nodes (classes may overlap).
        if (graph.SharedNodes + graph.NodesPerClass > graph.NodesPerLevel)
            declaration.Report(DiagnosticDescriptors.NeurashedShape, at, declaration.Experiment,
                $"SharedNodes + NodesPerClass = {graph.SharedNodes + graph.NodesPerClass} nodes per level do not fit in NodesPerLevel = {graph.NodesPerLevel}; raise NodesPerLevel");
        return declaration.Diagnostics.Count > errors ? null : graph;
    }

    private static void RequireGrowth(Declaration declaration, LocationInfo? at, string what, double grow, AmplificationUpdate update)
    {
        bool multiplicative = update == AmplificationUpdate.Multiplicative;
        if (double.IsInfinity(grow) || !(multiplicative ? grow > 1 : grow > 0))
            declaration.Report(DiagnosticDescriptors.InvalidAmplificationRule, at, what, Code.Number(grow),
                multiplicative ? "g+(x) = Grow·x must grow a factor: set Grow > 1" : "g+(x) = x + Grow must grow a factor: set Grow > 0");
    }

    private static void RequireShrink(Declaration declaration, LocationInfo? at, string what, double shrink)
    {
        if (!(shrink > 0 && shrink <= 1))
            declaration.Report(DiagnosticDescriptors.InvalidAmplificationRule, at, what, Code.Number(shrink),
                "g−(x) = Shrink·x must satisfy 0 ≤ g−(x) ≤ x: set 0 < Shrink ≤ 1");
    }

    private static bool IsAmplificationSignature(IMethodSymbol hook) =>
        hook.IsStatic && !hook.IsGenericMethod
        && hook.ReturnType.SpecialType == SpecialType.System_Double
        && hook.Parameters.Length == 3
        && hook.Parameters.All(p => p.RefKind == RefKind.None)
        && hook.Parameters[0].Type.SpecialType == SpecialType.System_Double
        && hook.Parameters[1].Type.SpecialType == SpecialType.System_Boolean
        && hook.Parameters[2].Type.SpecialType == SpecialType.System_Int32;

    /// <summary>"1, 2,7" → ["1", "2", "7"]; empty entries dropped.</summary>
    private static string[] List(string? text) =>
        (text ?? "").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
}

/// <summary>
/// [Neurashed] with its graph: declared ([FeatureNodes], [Node], [Pattern], [NodeRule]) or drawn
/// ([RandomNeurashed]), and the optional [Amplification] hook's method name. The enums are kept as their member names.
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
    private const string Runtime = "global::EvoDsl.Neurashed.";

    public override string StepNoun => "iteration";

    public override IEnumerable<string> Members =>
        new[] { Random is null ? "DeclaredGraph" : "DrawnGraph" }.Concat(AmplificationHook is not null
            ? ["AmplificationHook", "ClassEdgeHook"]
            : new[] { "Rates" }.Concat(Enumerable.Range(1, NodeRules.Count).SelectMany(i => new[] { $"RuleRates{i}", $"RuleNodes{i}" })));

    public override string Summary(ExperimentModel experiment)
    {
        string graph = Random is { } random
            ? $"a random graph of {random.Levels} levels × {random.NodesPerLevel} nodes, b1 = {random.SharedNodes} shared and b2 = {random.NodesPerClass} per class, {random.Classes} classes"
            : $"a declared graph of {FeatureNodes.Count + Nodes.Count} nodes on {Levels} levels, {Patterns.Count} input types";
        string rule = AmplificationHook is { } hook
            ? $"amplification hook {hook}"
            : Update == nameof(AmplificationUpdate.Additive)
                ? $"g+(x) = x + {Code.Number(Grow)}, g−(x) = {Code.Number(Shrink)}·x"
                : $"g+(x) = {Code.Number(Grow)}·x, g−(x) = {Code.Number(Shrink)}·x";
        return $"Neurashed (SPEC §3), Algorithm 1 with batch {BatchSize} on {graph}; {rule}.";
    }

    /// <summary>
    /// The settings, the descriptor, the graph, and the λ and η rules as struct type arguments of the runtime's
    /// NeurashedExperiment: the declared hook, per-node rules, or the plain g+/g−.
    /// </summary>
    public override void Emit(CodeWriter code, ExperimentModel experiment)
    {
        code.Line("/// <summary>[Neurashed] as declared, with its graph in words (for the summary and the checkpoint's fingerprint).</summary>");
        code.Line($"private static readonly {Runtime}NeurashedSettings Settings = new(");
        code.Line($"    BatchSize: {BatchSize}, Sampling: global::EvoDsl.BatchSampling.{Sampling}, Update: global::EvoDsl.AmplificationUpdate.{Update},");
        code.Line($"    Grow: {Code.Number(Grow)}, Shrink: {Code.Number(Shrink)}, InitialLow: {Code.Number(InitialLow)}, InitialHigh: {Code.Number(InitialHigh)},");
        code.Line($"    Graph: {Code.Literal(GraphText())});");
        code.Line();
        (string lambda, string eta) = Rules();
        Emitter.Descriptor(code, experiment, "\"iteration\"", "\"inputs\"", "\"loss\"",
            $"new {Runtime}NeurashedExperiment<\n{lambda},\n{eta}>(Settings, {(Random is null ? "DeclaredGraph()" : "DrawnGraph(context)")}, context)");
        code.Line();
        EmitGraph(code);
        EmitRules(code, experiment);
    }

    /// <summary>The struct type arguments for λ and η: the declared hook, per-node rules, or the plain g+/g−.</summary>
    private (string Lambda, string Eta) Rules()
    {
        if (AmplificationHook is not null)
            return ("AmplificationHook", "ClassEdgeHook");
        string Plain(string rates) => Update == nameof(AmplificationUpdate.Additive) ? $"{Runtime}AdditiveGrowth<{rates}>" : $"{Runtime}Multiplicative<{rates}>";
        string lambda = Plain("Rates");
        for (int i = NodeRules.Count - 1; i >= 0; i--)
            lambda = $"{Runtime}PerNode<RuleNodes{i + 1}, {Plain($"RuleRates{i + 1}")}, {lambda}>";
        return (lambda, Plain("Rates"));
    }

    /// <summary>A canonical text of the graph, for the settings (and so the checkpoint fingerprint and summary).</summary>
    private string GraphText()
    {
        if (Random is { } random)
            return $"random: {random.Levels} levels × {random.NodesPerLevel} nodes, b1 = {random.SharedNodes}, b2 = {random.NodesPerClass}, {random.Classes} classes";
        var parts = new List<string> { "level 1: " + string.Join(",", FeatureNodes) };
        foreach (NeurashedNodeModel node in Nodes)
            parts.Add($"{node.Name}@{node.Level} ← {string.Join(",", node.Dependents)} {(node.AtLeast > 0 ? $"AtLeast({node.AtLeast})" : node.Fires)}");
        foreach (PatternModel pattern in Patterns)
            parts.Add($"input {string.Join(",", pattern.Features)} → {pattern.Class}");
        foreach (NodeRuleModel rule in NodeRules)
            parts.Add($"rule {string.Join(",", rule.Nodes)}:" +
                      (double.IsNaN(rule.Grow) ? "" : $" grow {Code.Number(rule.Grow)}") +
                      (double.IsNaN(rule.Shrink) ? "" : $" shrink {Code.Number(rule.Shrink)}"));
        return string.Join("; ", parts);
    }

    private void EmitGraph(CodeWriter code)
    {
        if (Random is { } random)
        {
            code.Line("/// <summary>Theorem 1's random graph, drawn from the run's seed, with one input type per class.</summary>");
            using (code.Block($"private static {Runtime}DeclaredNeurashed DrawnGraph(global::EvoDsl.Training.RunContext context)"))
            {
                code.Line($"var random = {Runtime}RandomNeurashed.Create(levels: {random.Levels}, width: {random.NodesPerLevel}, classes: {random.Classes}, " +
                          $"shared: {random.SharedNodes}, perClass: {random.NodesPerClass}, context.Seed);");
                code.Line("return new(random.Graph, random.ClassInputs());");
            }
            return;
        }
        code.Line("/// <summary>The declared graph and its input types ([FeatureNodes], [Node], [Pattern]).</summary>");
        using (code.Block($"private static {Runtime}DeclaredNeurashed DeclaredGraph()"))
        {
            code.Line($"{Runtime}NeurashedGraph graph = new {Runtime}NeurashedBuilder(levels: {Levels})");
            code.Line($"    .FirstLevel({string.Join(", ", FeatureNodes.Select(Code.Literal))})");
            foreach (NeurashedNodeModel node in Nodes)
            {
                string dependents = node.Dependents.Count == 0 ? "" : ", " + string.Join(", ", node.Dependents.Select(Code.Literal));
                string rule = node.AtLeast > 0 ? $"{Runtime}FiringRule.AtLeast({node.AtLeast})" : $"{Runtime}FiringRule.{node.Fires}";
                code.Line($"    .Node({node.Level}, {Code.Literal(node.Name)}, {rule}{dependents})");
            }
            code.Line("    .Build();");
            code.Line($"return new(graph, {Runtime}NeurashedInputs.FromNames(graph,");
            code.Line("[");
            foreach (PatternModel pattern in Patterns)
                code.Line($"    ([{string.Join(", ", pattern.Features.Select(Code.Literal))}], {Code.Literal(pattern.Class)}),");
            code.Line("]));");
        }
    }

    private void EmitRules(CodeWriter code, ExperimentModel experiment)
    {
        if (AmplificationHook is { } hook)
        {
            code.Line();
            code.Line($"/// <summary>Calls the declared [Amplification] hook {hook} for a node's λ directly, so the JIT can inline it.</summary>");
            using (code.GeneratedType($"private readonly struct AmplificationHook : {Runtime}IUpdateRule"))
            {
                code.Line($"public static double Grow(double value, int index, long iteration) => {experiment.ClassName}.{hook}(value, true, index);");
                code.Line();
                code.Line($"public static double Shrink(double value, int index, long iteration) => {experiment.ClassName}.{hook}(value, false, index);");
            }
            code.Line();
            code.Line($"/// <summary>Calls {hook} for a class edge's η, with node −1.</summary>");
            using (code.GeneratedType($"private readonly struct ClassEdgeHook : {Runtime}IUpdateRule"))
            {
                code.Line($"public static double Grow(double value, int index, long iteration) => {experiment.ClassName}.{hook}(value, true, -1);");
                code.Line();
                code.Line($"public static double Shrink(double value, int index, long iteration) => {experiment.ClassName}.{hook}(value, false, -1);");
            }
            return;
        }

        code.Line();
        EmitRates(code, "Rates", "[Neurashed]'s g+ and g− constants.", Grow, Shrink);
        // Node indices as NeurashedGraph lays them out: level by level, in declaration order within a level.
        var index = FeatureNodes.Select((name, i) => (name, i))
            .Concat(Nodes.OrderBy(n => n.Level).Select((n, i) => (n.Name, FeatureNodes.Count + i)))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        for (int i = 0; i < NodeRules.Count; i++)
        {
            NodeRuleModel rule = NodeRules[i];
            string nodes = string.Join(",", rule.Nodes);
            code.Line();
            EmitRates(code, $"RuleRates{i + 1}", $"[NodeRule(\"{nodes}\")]'s g+ and g− constants.",
                double.IsNaN(rule.Grow) ? Grow : rule.Grow, double.IsNaN(rule.Shrink) ? Shrink : rule.Shrink);
            code.Line();
            code.Line($"/// <summary>The nodes of [NodeRule(\"{nodes}\")], as graph indices.</summary>");
            using (code.GeneratedType($"private readonly struct RuleNodes{i + 1} : {Runtime}INodeSet"))
                code.Line($"public static bool Contains(int index) => index is {string.Join(" or ", rule.Nodes.Select(n => index[n]).Distinct().OrderBy(n => n))};");
        }
    }

    private static void EmitRates(CodeWriter code, string name, string summary, double grow, double shrink)
    {
        code.Line($"/// <summary>{summary}</summary>");
        using (code.GeneratedType($"private readonly struct {name} : {Runtime}IRuleConstants"))
        {
            code.Line($"public static double Grow => {Code.Number(grow)};");
            code.Line();
            code.Line($"public static double Shrink => {Code.Number(shrink)};");
        }
    }
}

/// <summary>[Node]: a node above level 1. AtLeast 0 means the Fires rule (Any or All) applies.</summary>
internal sealed record NeurashedNodeModel(string Name, int Level, EquatableArray<string> Dependents, string Fires, int AtLeast);

/// <summary>[Pattern]: an input type, the feature nodes it fires and its class node.</summary>
internal sealed record PatternModel(EquatableArray<string> Features, string Class);

/// <summary>[NodeRule]: g+ and g− for some nodes; NaN keeps [Neurashed]'s.</summary>
internal sealed record NodeRuleModel(EquatableArray<string> Nodes, double Grow, double Shrink);

/// <summary>[RandomNeurashed]: Theorem 1's random graph.</summary>
internal sealed record RandomNeurashedModel(int Classes, int Levels, int NodesPerLevel, int SharedNodes, int NodesPerClass);
