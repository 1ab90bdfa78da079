using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EvoDsl.Generators.Model;
using Microsoft.CodeAnalysis;

namespace EvoDsl.Generators;

public sealed partial class ExperimentGenerator
{
    internal static partial class Parser
    {
        private const string NeurashedAttribute = Namespace + "NeurashedAttribute";
        private const string FeatureNodesAttribute = Namespace + "FeatureNodesAttribute";
        private const string NodeAttribute = Namespace + "NodeAttribute";
        private const string PatternAttribute = Namespace + "PatternAttribute";
        private const string NodeRuleAttribute = Namespace + "NodeRuleAttribute";
        private const string RandomNeurashedAttribute = Namespace + "RandomNeurashedAttribute";
        private const string AmplificationAttribute = Namespace + "AmplificationAttribute";

        /// <summary>
        /// [Neurashed] with its graph, checked the way the runtime's NeurashedValidation checks a built
        /// one, so a malformed graph fails at compile time at the attribute that is wrong.
        /// </summary>
        private static NeurashedModel? ParseNeurashed(INamedTypeSymbol type, AttributeData neurashed, string experiment,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            LocationInfo? at = At(neurashed, cancellation);
            int errors = diagnostics.Count;
            int batchSize = Named(neurashed, "BatchSize", AttributeDefaults.NeurashedBatchSize);
            string sampling = EnumName(neurashed, "Sampling", AttributeDefaults.Sampling, diagnostics, cancellation);
            string update = EnumName(neurashed, "Update", AttributeDefaults.AmplificationUpdate, diagnostics, cancellation);
            double grow = Named(neurashed, "Grow", AttributeDefaults.Grow);
            double shrink = Named(neurashed, "Shrink", AttributeDefaults.Shrink);
            double initialLow = Named(neurashed, "InitialLow", AttributeDefaults.InitialLow);
            double initialHigh = Named(neurashed, "InitialHigh", AttributeDefaults.InitialHigh);
            RequirePositive(diagnostics, at, "BatchSize", batchSize);
            RequireGrowth(diagnostics, at, "Grow", grow, update);
            RequireShrink(diagnostics, at, "Shrink", shrink);
            if (!(initialLow >= 0) || !(initialHigh >= initialLow) || double.IsInfinity(initialHigh))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAmplificationRule, at, "InitialLow..InitialHigh",
                    $"{Format(initialLow)}..{Format(initialHigh)}", "initial factors are drawn from Uniform(InitialLow, InitialHigh): set 0 ≤ InitialLow ≤ InitialHigh"));

            string? hook = ParseAmplificationHook(type, diagnostics);
            AttributeData? features = Find(type, FeatureNodesAttribute);
            AttributeData[] nodes = FindAll(type, NodeAttribute);
            AttributeData[] patterns = FindAll(type, PatternAttribute);
            AttributeData[] rules = FindAll(type, NodeRuleAttribute);
            AttributeData? random = Find(type, RandomNeurashedAttribute);

            if (random is not null && (features is not null || nodes.Length > 0 || patterns.Length > 0))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeurashedShape, At(random, cancellation), experiment,
                    "it declares a graph ([FeatureNodes], [Node], [Pattern]) and draws one ([RandomNeurashed]); keep one of the two"));
                return null;
            }
            if (random is not null)
            {
                RandomNeurashedModel? graph = ParseRandomGraph(random, experiment, diagnostics, cancellation);
                if (rules.Length > 0)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeurashedShape, At(rules[0], cancellation), experiment,
                        "[NodeRule] names nodes of a declared graph, but [RandomNeurashed] draws its nodes; use an [Amplification] hook instead"));
                return graph is null || diagnostics.Count > errors ? null : new NeurashedModel(batchSize, sampling, update, grow, shrink, initialLow, initialHigh,
                    graph.Levels, EquatableArray<string>.Empty, EquatableArray<NeurashedNodeModel>.Empty, EquatableArray<PatternModel>.Empty,
                    EquatableArray<NodeRuleModel>.Empty, graph, hook);
            }
            if (features is null || nodes.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeurashedShape, at, experiment,
                    features is null
                        ? "it declares no graph; add [FeatureNodes(\"1,2,3\")], [Node(...)] for the levels above and [Pattern(...)] for the inputs, or [RandomNeurashed]"
                        : "it declares no node above level 1; add [Node(\"class1\", 2, \"1,2\")] for each class"));
                return null;
            }
            if (patterns.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeurashedShape, at, experiment,
                    "it declares no input; add a [Pattern(\"1,2\", \"class1\")] for each input type"));
                return null;
            }

            // Nodes by name with their level; level 1 is [FeatureNodes].
            LocationInfo? featuresAt = At(features, cancellation);
            var level = new Dictionary<string, int>(StringComparer.Ordinal);
            string[] featureNames = List(Argument<string>(features, 0));
            foreach (string name in featureNames)
            {
                if (level.ContainsKey(name))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNode, featuresAt, $"Node '{name}' is declared twice"));
                level[name] = 1;
            }
            var parsed = new List<(NeurashedNodeModel Node, LocationInfo? At)>();
            foreach (AttributeData node in nodes)
            {
                LocationInfo? nodeAt = At(node, cancellation);
                string name = Argument<string>(node, 0) ?? "";
                int nodeLevel = Argument<int>(node, 1);
                string[] dependents = List(Argument<string>(node, 2));
                if (nodeLevel < 2)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeurashedShape, nodeAt, experiment,
                        $"node '{name}' is on level {nodeLevel}, but [Node] declares levels 2 and up; level 1 is [FeatureNodes]"));
                if (level.ContainsKey(name))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNode, nodeAt, $"Node '{name}' is declared twice"));
                foreach (string twice in dependents.GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNode, nodeAt, $"Node '{name}' lists dependent '{twice}' twice"));
                level[name] = nodeLevel;
                parsed.Add((new NeurashedNodeModel(name, nodeLevel, new EquatableArray<string>(dependents),
                    EnumName(node, "Fires", "Any", diagnostics, cancellation), Named(node, "AtLeast", 0)), nodeAt));
            }
            if (diagnostics.Count > errors)
                return null;

            int levels = parsed.Max(p => p.Node.Level);
            foreach (int empty in Enumerable.Range(2, levels - 1).Where(l => parsed.All(p => p.Node.Level != l)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyLevel, at, empty, levels));
            if (diagnostics.Count > errors)
                return null; // every edge across the gap would also be reported
            foreach ((NeurashedNodeModel node, LocationInfo? nodeAt) in parsed)
            {
                foreach (string dependent in node.Dependents)
                {
                    if (!level.TryGetValue(dependent, out int below))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownNode, nodeAt, $"Node '{node.Name}'", dependent));
                    else if (below != node.Level - 1)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EdgeNotOneLevelDown, nodeAt, node.Name, node.Level, dependent, below, node.Level - 1));
                }
                if (node.AtLeast != 0 && (node.AtLeast < 1 || node.AtLeast > node.Dependents.Count))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FiringRuleOutOfRange, nodeAt, node.Name, node.AtLeast, node.Dependents.Count));
            }
            if (diagnostics.Count > errors)
                return null;

            // A node can fire when enough of its dependents can (level 1 always can): bottom up.
            var canFire = new HashSet<string>(featureNames, StringComparer.Ordinal);
            foreach (var node in parsed.Select(p => p.Node).OrderBy(n => n.Level))
            {
                int able = node.Dependents.Count(canFire.Contains);
                int needed = node.AtLeast > 0 ? node.AtLeast : node.Fires == "All" ? node.Dependents.Count : 1;
                if (node.Dependents.Count > 0 && able >= needed)
                    canFire.Add(node.Name);
            }
            foreach ((NeurashedNodeModel node, LocationInfo? nodeAt) in parsed.Where(p => p.Node.Level == levels && !canFire.Contains(p.Node.Name)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassWithoutPathway, nodeAt, node.Name));

            var inputs = new List<PatternModel>();
            foreach (AttributeData pattern in patterns)
            {
                LocationInfo? patternAt = At(pattern, cancellation);
                string[] fired = List(Argument<string>(pattern, 0));
                string label = Argument<string>(pattern, 1) ?? "";
                foreach (string feature in fired.Where(f => !level.TryGetValue(f, out int l) || l != 1))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownNode, patternAt, "[Pattern] as a feature", feature));
                if (!level.TryGetValue(label, out int classLevel) || classLevel != levels)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownNode, patternAt, $"[Pattern] as its class (a level-{levels} node)", label));
                inputs.Add(new PatternModel(new EquatableArray<string>(fired), label));
            }
            var nodeRules = new List<NodeRuleModel>();
            foreach (AttributeData rule in rules)
            {
                LocationInfo? ruleAt = At(rule, cancellation);
                string[] named = List(Argument<string>(rule, 0));
                foreach (string node in named.Where(n => !level.TryGetValue(n, out int l) || l == levels))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownNode, ruleAt, "[NodeRule] as a node with an amplification factor (below the classes)", node));
                double ruleGrow = Named(rule, "Grow", double.NaN);
                double ruleShrink = Named(rule, "Shrink", double.NaN);
                if (!double.IsNaN(ruleGrow))
                    RequireGrowth(diagnostics, ruleAt, "Grow", ruleGrow, update);
                if (!double.IsNaN(ruleShrink))
                    RequireShrink(diagnostics, ruleAt, "Shrink", ruleShrink);
                nodeRules.Add(new NodeRuleModel(new EquatableArray<string>(named), ruleGrow, ruleShrink));
            }
            if (diagnostics.Count > errors)
                return null;
            return new NeurashedModel(batchSize, sampling, update, grow, shrink, initialLow, initialHigh, levels,
                new EquatableArray<string>(featureNames), new EquatableArray<NeurashedNodeModel>(parsed.Select(p => p.Node)),
                new EquatableArray<PatternModel>(inputs), new EquatableArray<NodeRuleModel>(nodeRules), null, hook);
        }

        private static RandomNeurashedModel? ParseRandomGraph(AttributeData random, string experiment, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            LocationInfo? at = At(random, cancellation);
            var graph = new RandomNeurashedModel(
                Named(random, "Classes", AttributeDefaults.RandomClasses),
                Named(random, "Levels", AttributeDefaults.RandomLevels),
                Named(random, "NodesPerLevel", AttributeDefaults.NodesPerLevel),
                Named(random, "SharedNodes", AttributeDefaults.SharedNodes),
                Named(random, "NodesPerClass", AttributeDefaults.NodesPerClass));
            int errors = diagnostics.Count;
            RequirePositive(diagnostics, at, "SharedNodes", graph.SharedNodes);
            RequirePositive(diagnostics, at, "NodesPerClass", graph.NodesPerClass);
            if (graph.Classes < 2)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeMustBePositive, at, "Classes - 1", graph.Classes - 1));
            if (graph.Levels < 2)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeMustBePositive, at, "Levels - 1 (levels below the classes)", graph.Levels - 1));
            // Each class draws its b2 nodes from the level's non-shared nodes (classes may overlap).
            if (graph.SharedNodes + graph.NodesPerClass > graph.NodesPerLevel)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeurashedShape, at, experiment,
                    $"SharedNodes + NodesPerClass = {graph.SharedNodes + graph.NodesPerClass} nodes per level do not fit in NodesPerLevel = {graph.NodesPerLevel}; raise NodesPerLevel"));
            return diagnostics.Count > errors ? null : graph;
        }

        private static void RequireGrowth(List<DiagnosticInfo> diagnostics, LocationInfo? at, string what, double grow, string update)
        {
            bool multiplicative = update == "Multiplicative";
            if (double.IsInfinity(grow) || !(multiplicative ? grow > 1 : grow > 0))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAmplificationRule, at, what, Format(grow),
                    multiplicative ? "g+(x) = Grow·x must grow a factor: set Grow > 1" : "g+(x) = x + Grow must grow a factor: set Grow > 0"));
        }

        private static void RequireShrink(List<DiagnosticInfo> diagnostics, LocationInfo? at, string what, double shrink)
        {
            if (!(shrink > 0 && shrink <= 1))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAmplificationRule, at, what, Format(shrink),
                    "g−(x) = Shrink·x must satisfy 0 ≤ g−(x) ≤ x: set 0 < Shrink ≤ 1"));
        }

        /// <summary>The [Amplification] method's name, if the class has exactly one with the right signature.</summary>
        private static string? ParseAmplificationHook(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics) =>
            ParseHook(type, AmplificationAttribute, IsAmplificationSignature, diagnostics,
                (_, second) => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAmplificationHook, At(second), second.Name),
                hook => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAmplificationHook, At(hook), hook.Name));

        private static bool IsAmplificationSignature(IMethodSymbol hook) =>
            hook.IsStatic && !hook.IsGenericMethod
            && hook.ReturnType.SpecialType == SpecialType.System_Double
            && hook.Parameters.Length == 3
            && hook.Parameters.All(p => p.RefKind == RefKind.None)
            && hook.Parameters[0].Type.SpecialType == SpecialType.System_Double
            && hook.Parameters[1].Type.SpecialType == SpecialType.System_Boolean
            && hook.Parameters[2].Type.SpecialType == SpecialType.System_Int32;

        private static AttributeData[] FindAll(INamedTypeSymbol type, string metadataName) =>
            type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == metadataName).ToArray();

        /// <summary>"1, 2,7" → ["1", "2", "7"]; empty entries dropped.</summary>
        private static string[] List(string? text) =>
            (text ?? "").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
    }
}
