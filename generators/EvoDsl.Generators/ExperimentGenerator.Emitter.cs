using System.CodeDom.Compiler;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using EvoDsl.Generators.Model;

namespace EvoDsl.Generators;

public sealed partial class ExperimentGenerator
{
    /// <summary>Writes the C# for a model: a pure function from model to text.</summary>
    internal static class Emitter
    {
        public const string CatalogHintName = "EvoDsl.ExperimentCatalog.g.cs";

        public static string HintName(ExperimentModel model) => $"{model.FullName}.g.cs";

        public static string EmitExperiment(ExperimentModel model)
        {
            if (model.System is ExternalSystemModel external)
                return EmitExternal(model, external);
            if (model.System is NneModel nne)
                return EmitNne(model, nne);
            LearningSystemModel system = model.System;
            var code = Header(model, Summary(model));

            SystemCode parts = Parts(model);

            using (code.Block($"partial class {model.ClassName} : global::EvoDsl.Training.ITrainer"))
            {
                code.Line($"public const string ExperimentName = {Literal(model.Name)};");
                if (model.Data is { } data)
                {
                    code.Line("public const int Inputs = 784;");
                    code.Line($"public const int Classes = {data.Classes};");
                    code.Line($"public const int TrainPerClass = {data.TrainPerClass};");
                }
                foreach (string constant in parts.Constants)
                    code.Line("public const " + constant + ";");
                code.Line();
                code.Line($"private static readonly {parts.SettingsType} Settings = new(");
                foreach (string line in parts.SettingsArguments)
                    code.Line("    " + line);
                code.Line();
                EmitDescriptor(code, model, Literal(system.StepNoun), Literal(system.UnitNoun), Literal(system.ScoreNoun), $"new {model.ClassName}(context)");
                code.Line();
                code.Line($"private readonly {parts.TrainerType} {parts.Field};");
                code.Line();
                using (code.Block($"public {model.ClassName}(global::EvoDsl.Training.RunContext context)"))
                    code.Line($"{parts.Field} = new({parts.ConstructorArguments});");
                code.Line();
                code.Line($"/// <summary>{parts.StepSummary}</summary>");
                using (code.Block("public void Step()"))
                {
                    foreach (string line in parts.StepBody)
                        code.Line(line);
                }
                code.Line();
                code.Line($"public int Completed => {parts.Field}.{parts.CompletedMember};");
                code.Line();
                code.Line($"public long UnitsPerStep => {parts.UnitsPerStep};");
                code.Line();
                code.Line($"public double LastStepScore => {parts.Field}.{parts.ScoreMember};");
                code.Line();
                code.Line($"public global::System.Collections.Generic.IReadOnlyList<global::EvoDsl.Training.Metric> Evaluate() => {parts.Field}.Evaluate();");
                code.Line();
                code.Line($"public void WriteArtifacts(string directory) => {parts.Field}.WriteArtifacts(directory);");
                code.Line();
                code.Line($"public void WriteState(global::System.IO.BinaryWriter writer) => {parts.Field}.WriteState(writer);");
                code.Line();
                code.Line($"public void ReadState(global::System.IO.BinaryReader reader) => {parts.Field}.ReadState(reader);");
                code.Line();
                code.Line($"public void Dispose() => {parts.Field}.Dispose();");
                if (system is NeurashedModel neurashedModel)
                    EmitNeurashedMembers(code, model, neurashedModel);
            }
            return code.ToString();
        }

        private static SystemCode Parts(ExperimentModel model) => model.System switch
        {
            DopaminergicModel dnn => Dopaminergic(dnn),
            SignSgdModel signSgd => SignSgd(signSgd),
            OutputLayerSgdModel sgd => OutputLayerSgd(sgd),
            NneSignSgdModel nneSignSgd => NneSignSgd(nneSignSgd),
            SparseNetworkSgdModel sparse => SparseNetworkSgd(sparse),
            NeurashedModel neurashed => Neurashed(model, neurashed),
            _ => throw new System.InvalidOperationException("unknown learning system " + model.System.GetType().Name),
        };

        /// <summary>
        /// A learning system of the user's own: the class holds only what the generator can give (the settings
        /// as declared, the data and its sizes as constants, the catalog entry); the trainer is the user's, so
        /// nothing is forwarded.
        /// </summary>
        private static string EmitExternal(ExperimentModel model, ExternalSystemModel system)
        {
            string data = model.Data is { } d
                ? $"on digits {d.Digits}, {(d.TrainPerClass == 0 ? "all training images" : $"{d.TrainPerClass} per class")}"
                : "on the inputs it brings";
            var code = Header(model, $"[{system.AttributeName}], a learning system declared outside EvoDsl, trained by {system.Trainer.Replace("global::", "")} {data}.");
            using (code.Block($"partial class {model.ClassName}"))
            {
                code.Line($"/// <summary>[{system.AttributeName}] as declared: the settings its trainer is built with.</summary>");
                code.Line($"private static readonly {system.SettingsType} Settings = {system.Settings};");
                code.Line();
                EmitDescriptor(code, model, "Settings.StepNoun", "Settings.UnitNoun", "Settings.ScoreNoun", $"new {system.Trainer}(Settings, context)");
                if (system.TakesSizes && model.Data is { } sized)
                {
                    code.Line();
                    code.Line("/// <summary>The declared data's sizes as constants, so the JIT compiles the trainer for them.</summary>");
                    using (code.GeneratedType("private readonly struct Sizes : global::EvoDsl.Training.IDataSizes"))
                    {
                        code.Line("public static int Inputs => 784;");
                        code.Line($"public static int Classes => {sized.Classes};");
                        code.Line($"public static int TrainPerClass => {sized.TrainPerClass};");
                    }
                }
            }
            return code.ToString();
        }

        /// <summary>
        /// NNE: the class holds the settings, the sizes and the hook as struct type arguments, and the catalog
        /// entry; the runtime's NneEvolution is the trainer, so nothing is forwarded.
        /// </summary>
        private static string EmitNne(ExperimentModel model, NneModel nne)
        {
            var code = Header(model, Summary(model));
            string fitness = nne.FitnessHook is null ? "global::EvoDsl.Kernels.MarginOverChanceFitness" : "FitnessHook";
            using (code.Block($"partial class {model.ClassName}"))
            {
                code.Line("/// <summary>[HiddenLayer] and [Nne] as declared.</summary>");
                code.Line("private static readonly global::EvoDsl.Nne.NneSettings Settings = new(");
                code.Line($"    Hidden: {nne.Hidden}, EdgeProbability: {Parser.Format(nne.EdgeProbability)}, Genes: {nne.Genes}, Population: {nne.Population},");
                code.Line($"    GeneDensity: {Parser.Format(nne.GeneDensity)}, Selection: {Parser.Format(nne.Selection)}, WeightGain: {Parser.Format(nne.WeightGain)},");
                code.Line($"    FitnessHook: {(nne.FitnessHook is null ? "null" : $"nameof({nne.FitnessHook})")});");
                code.Line();
                EmitDescriptor(code, model, Literal(nne.StepNoun), Literal(nne.UnitNoun), Literal(nne.ScoreNoun),
                    $"new global::EvoDsl.Nne.NneEvolution<Sizes, {fitness}>(Settings, context)");
                EmitNneTypes(code, model, nne);
            }
            return code.ToString();
        }

        /// <summary>The file's first lines: what generated it from which declaration, and the namespace.</summary>
        private static CodeWriter Header(ExperimentModel model, string summary)
        {
            var code = new CodeWriter();
            code.Line("// <auto-generated/>");
            code.Line($"// Generated by EvoDsl.Generators from [Experiment(\"{model.Name}\")] on {model.ClassName}:");
            code.Line("// " + summary);
            code.Line("#nullable enable");
            code.Line();
            if (model.Namespace.Length > 0)
            {
                code.Line($"namespace {model.Namespace};");
                code.Line();
            }
            return code;
        }

        /// <summary>[Mnist]'s Data (if declared) and the Descriptor: what the catalog lists and how it creates the trainer.</summary>
        private static void EmitDescriptor(CodeWriter code, ExperimentModel model, string stepNoun, string unitNoun, string scoreNoun, string create)
        {
            if (model.Data is { } data)
            {
                code.Line("/// <summary>[Mnist]: the kept classes and training images per class (0: all).</summary>");
                code.Line($"private static readonly global::EvoDsl.Training.DataSettings Data = new(Digits: {Literal(data.Digits)}, TrainPerClass: {data.TrainPerClass});");
                code.Line();
            }
            code.Line("/// <summary>This declaration as the runner's catalog lists it.</summary>");
            code.Line("public static global::EvoDsl.Training.ExperimentDescriptor Descriptor { get; } = new(");
            code.Line("    Name: " + Literal(model.Name) + ",");
            code.Line($"    Description: {Literal(model.Description)},");
            code.Line($"    ClassName: {Literal(model.FullName)},");
            code.Line(model.Data is null ? "    Data: null," : "    Data: Data,");
            code.Line($"    Run: new global::EvoDsl.Training.RunSettings(Steps: {model.Run.Steps}, EvaluateEvery: {model.Run.EvaluateEvery}, Seed: {model.Run.Seed}, " +
                      $"StepNoun: {stepNoun}, UnitNoun: {unitNoun}, ScoreNoun: {scoreNoun}),");
            code.Line("    Algorithm: Settings,");
            code.Line($"    Create: static context => {create});");
        }

        /// <summary>
        /// The members the emitted half of the class declares other than its methods (constants, fields,
        /// properties, nested types): a user member of the same name would not compile, so the parser reports it.
        /// </summary>
        public static System.Collections.Generic.IEnumerable<string> DeclaredNames(ExperimentModel model)
        {
            if (model.System is ExternalSystemModel external)
            {
                string[] declared = ["Settings", "Descriptor"];
                return declared.Concat(model.Data is null ? [] : ["Data"]).Concat(external.TakesSizes ? ["Sizes"] : []);
            }
            if (model.System is NneModel { FitnessHook: var hook })
                return hook is null ? ["Settings", "Descriptor", "Data", "Sizes"] : ["Settings", "Descriptor", "Data", "Sizes", "FitnessHook"];
            SystemCode parts = Parts(model);
            var names = new System.Collections.Generic.List<string>
            {
                "ExperimentName", "Settings", "Descriptor", parts.Field, "Completed", "UnitsPerStep", "LastStepScore",
            };
            if (model.Data is not null)
                names.AddRange(["Inputs", "Classes", "TrainPerClass", "Data"]);
            // "int Hidden = 300" → "Hidden"
            names.AddRange(parts.Constants.Select(c => c.Split(' ')[1]));
            switch (model.System)
            {
                case NneModel nne:
                    names.Add("Sizes");
                    if (nne.FitnessHook is not null)
                        names.Add("FitnessHook");
                    break;
                case NeurashedModel { AmplificationHook: not null }:
                    names.AddRange(["AmplificationHook", "ClassEdgeHook"]);
                    break;
                case NeurashedModel neurashed:
                    names.Add("Rates");
                    for (int i = 1; i <= neurashed.NodeRules.Count; i++)
                        names.AddRange([$"RuleRates{i}", $"RuleNodes{i}"]);
                    break;
            }
            return names;
        }

        /// <summary>The third header line: what the declaration trains, in the papers' words.</summary>
        private static string Summary(ExperimentModel model)
        {
            if (model.Data is not { } data)
                return NeurashedSummary((NeurashedModel)model.System);
            string digits = data.Digits;
            string train = data.TrainPerClass == 0 ? "all training images" : $"{data.TrainPerClass} per class";
            return model.System switch
            {
                NneModel nne => $"NNE (SPEC §1) on digits {digits}, 784 → {nne.Hidden} ReLU → {data.Classes}, " +
                                $"n = {nne.Genes} genes, N = {nne.Population} genotypes, " +
                                (nne.FitnessHook is null ? "fitness max{0, α² − L²}." : $"fitness hook {nne.FitnessHook}."),
                DopaminergicModel dnn => $"DNN (SPEC §2) on digits {digits}, {train}, fixed random 784 → {Layer(dnn.Layer)} → {data.Classes}, " +
                                         $"three-factor rule with ε0 = {Parser.Format(dnn.Threshold)}, ε1 = {Parser.Format(dnn.Rate)}, {dnn.PostSynaptic} outputs fire.",
                SignSgdModel signSgd => $"SignSGD (eq. 5) on digits {digits}, {train}, fixed random 784 → {Layer(signSgd.Layer)} → {data.Classes}, " +
                                        $"η = {Parser.Format(signSgd.LearningRate)}, batch {signSgd.BatchSize}.",
                OutputLayerSgdModel sgd => $"{sgd.Optimizer} (the papers' SGD) on digits {digits}, {train}, fixed random 784 → {Layer(sgd.Layer)} → {data.Classes}, " +
                                           $"η = {Parser.Format(sgd.LearningRate)}, batch {sgd.BatchSize}.",
                NneSignSgdModel nneSignSgd => $"NNE + SignSGD (SPEC §1) on digits {digits}: the network of '{nneSignSgd.AllelesFrom}' with weights W·round(p), " +
                                              $"output layer by SignSGD, η = {Parser.Format(nneSignSgd.LearningRate)}, batch {nneSignSgd.BatchSize}.",
                SparseNetworkSgdModel sparse => $"{sparse.Optimizer} (Table 1's SGD) on digits {digits}, {train}, both layers of the sparse 784 → {sparse.Hidden} ReLU → {data.Classes} network, " +
                                                $"η = {Parser.Format(sparse.LearningRate)}, batch {sparse.BatchSize}.",
                _ => model.System.GetType().Name,
            };
        }

        private static string NeurashedSummary(NeurashedModel neurashed)
        {
            string graph = neurashed.Random is { } random
                ? $"a random graph of {random.Levels} levels × {random.NodesPerLevel} nodes, b1 = {random.SharedNodes} shared and b2 = {random.NodesPerClass} per class, {random.Classes} classes"
                : $"a declared graph of {neurashed.FeatureNodes.Count + neurashed.Nodes.Count} nodes on {neurashed.Levels} levels, {neurashed.Patterns.Count} input types";
            string rule = neurashed.AmplificationHook is { } hook
                ? $"amplification hook {hook}"
                : neurashed.Update == "Additive"
                    ? $"g+(x) = x + {Parser.Format(neurashed.Grow)}, g−(x) = {Parser.Format(neurashed.Shrink)}·x"
                    : $"g+(x) = {Parser.Format(neurashed.Grow)}·x, g−(x) = {Parser.Format(neurashed.Shrink)}·x";
            return $"Neurashed (SPEC §3), Algorithm 1 with batch {neurashed.BatchSize} on {graph}; {rule}.";
        }

        private static string Layer(RandomLayerModel layer) =>
            layer.KCap == 0 ? $"{layer.Units} ReLU" : $"{layer.Units} ReLU (top {layer.KCap} kept)";

        private static SystemCode Neurashed(ExperimentModel model, NeurashedModel neurashed)
        {
            var constants = new System.Collections.Generic.List<string>
            {
                $"int BatchSize = {neurashed.BatchSize}",
                $"double Grow = {Parser.Format(neurashed.Grow)}",
                $"double Shrink = {Parser.Format(neurashed.Shrink)}",
                $"double InitialLow = {Parser.Format(neurashed.InitialLow)}",
                $"double InitialHigh = {Parser.Format(neurashed.InitialHigh)}",
                $"int Levels = {neurashed.Levels}",
            };
            if (neurashed.Random is { } random)
            {
                constants.Add($"int Classes = {random.Classes}");
                constants.Add($"int NodesPerLevel = {random.NodesPerLevel}");
                constants.Add($"int SharedNodes = {random.SharedNodes}");
                constants.Add($"int NodesPerClass = {random.NodesPerClass}");
            }
            (string lambdaRule, string etaRule) = NeurashedRules(neurashed);
            return new SystemCode(
                [.. constants],
                "global::EvoDsl.Neurashed.NeurashedSettings",
                [
                    $"BatchSize, global::EvoDsl.BatchSampling.{neurashed.Sampling}, global::EvoDsl.AmplificationUpdate.{neurashed.Update},",
                    "Grow, Shrink, InitialLow, InitialHigh,",
                    $"Graph: {Literal(GraphText(neurashed))});",
                ],
                $"global::EvoDsl.Neurashed.NeurashedExperiment<{lambdaRule}, {etaRule}>",
                "_training",
                neurashed.Random is null ? "Settings, DeclaredGraph(), context" : "Settings, DrawnGraph(context), context",
                "One iteration of Algorithm 1: draw B inputs, take the union G of their feature pathways, g+ on G and g− elsewhere.",
                ["_training.Step();"],
                "Completed",
                "LastStepScore",
                "BatchSize");
        }

        /// <summary>The struct type arguments for λ and η: the declared hook, per-node rules, or the plain g+/g−.</summary>
        private static (string Lambda, string Eta) NeurashedRules(NeurashedModel neurashed)
        {
            if (neurashed.AmplificationHook is not null)
                return ("AmplificationHook", "ClassEdgeHook");
            string plain = neurashed.Update == "Additive"
                ? "global::EvoDsl.Neurashed.AdditiveGrowth<Rates>"
                : "global::EvoDsl.Neurashed.Multiplicative<Rates>";
            string lambda = plain;
            for (int i = neurashed.NodeRules.Count - 1; i >= 0; i--)
            {
                string over = neurashed.Update == "Additive"
                    ? $"global::EvoDsl.Neurashed.AdditiveGrowth<RuleRates{i + 1}>"
                    : $"global::EvoDsl.Neurashed.Multiplicative<RuleRates{i + 1}>";
                lambda = $"global::EvoDsl.Neurashed.PerNode<RuleNodes{i + 1}, {over}, {lambda}>";
            }
            return (lambda, plain);
        }

        /// <summary>A canonical text of the graph, for the settings (and so the checkpoint fingerprint and summary).</summary>
        private static string GraphText(NeurashedModel neurashed)
        {
            if (neurashed.Random is { } random)
                return $"random: {random.Levels} levels × {random.NodesPerLevel} nodes, b1 = {random.SharedNodes}, b2 = {random.NodesPerClass}, {random.Classes} classes";
            var parts = new System.Collections.Generic.List<string> { "level 1: " + string.Join(",", neurashed.FeatureNodes) };
            foreach (NeurashedNodeModel node in neurashed.Nodes)
                parts.Add($"{node.Name}@{node.Level} ← {string.Join(",", node.Dependents)} {FiringRule(node)}");
            foreach (PatternModel pattern in neurashed.Patterns)
                parts.Add($"input {string.Join(",", pattern.Features)} → {pattern.Class}");
            foreach (NodeRuleModel rule in neurashed.NodeRules)
                parts.Add($"rule {string.Join(",", rule.Nodes)}:" +
                          (double.IsNaN(rule.Grow) ? "" : $" grow {Parser.Format(rule.Grow)}") +
                          (double.IsNaN(rule.Shrink) ? "" : $" shrink {Parser.Format(rule.Shrink)}"));
            return string.Join("; ", parts);
        }

        private static string FiringRule(NeurashedNodeModel node) =>
            node.AtLeast > 0 ? $"AtLeast({node.AtLeast})" : node.Fires;

        private static string FiringRuleCode(NeurashedNodeModel node) =>
            node.AtLeast > 0
                ? $"global::EvoDsl.Neurashed.FiringRule.AtLeast({node.AtLeast})"
                : $"global::EvoDsl.Neurashed.FiringRule.{node.Fires}";

        private static void EmitNeurashedMembers(CodeWriter code, ExperimentModel model, NeurashedModel neurashed)
        {
            code.Line();
            if (neurashed.Random is null)
            {
                code.Line("/// <summary>The declared graph and its input types ([FeatureNodes], [Node], [Pattern]).</summary>");
                using (code.Block("private static global::EvoDsl.Neurashed.DeclaredNeurashed DeclaredGraph()"))
                {
                    code.Line("global::EvoDsl.Neurashed.NeurashedGraph graph = new global::EvoDsl.Neurashed.NeurashedBuilder(Levels)");
                    code.Line($"    .FirstLevel({string.Join(", ", neurashed.FeatureNodes.Select(Literal))})");
                    foreach (NeurashedNodeModel node in neurashed.Nodes)
                    {
                        string dependents = node.Dependents.Count == 0 ? "" : ", " + string.Join(", ", node.Dependents.Select(Literal));
                        code.Line($"    .Node({node.Level}, {Literal(node.Name)}, {FiringRuleCode(node)}{dependents})");
                    }
                    code.Line("    .Build();");
                    code.Line("return new(graph, global::EvoDsl.Neurashed.NeurashedInputs.FromNames(graph,");
                    code.Line("[");
                    foreach (PatternModel pattern in neurashed.Patterns)
                        code.Line($"    ([{string.Join(", ", pattern.Features.Select(Literal))}], {Literal(pattern.Class)}),");
                    code.Line("]));");
                }
            }
            else
            {
                code.Line("/// <summary>Theorem 1's random graph, drawn from the run's seed, with one input type per class.</summary>");
                using (code.Block("private static global::EvoDsl.Neurashed.DeclaredNeurashed DrawnGraph(global::EvoDsl.Training.RunContext context)"))
                {
                    code.Line("var random = global::EvoDsl.Neurashed.RandomNeurashed.Create(Levels, NodesPerLevel, Classes, SharedNodes, NodesPerClass, context.Seed);");
                    code.Line("return new(random.Graph, random.ClassInputs());");
                }
            }

            if (neurashed.AmplificationHook is { } hook)
            {
                code.Line();
                code.Line($"/// <summary>Calls the declared [Amplification] hook {hook} for a node's λ directly, so the JIT can inline it.</summary>");
                using (code.GeneratedType("private readonly struct AmplificationHook : global::EvoDsl.Neurashed.IUpdateRule"))
                {
                    code.Line($"public static double Grow(double value, int index, long iteration) => {model.ClassName}.{hook}(value, true, index);");
                    code.Line();
                    code.Line($"public static double Shrink(double value, int index, long iteration) => {model.ClassName}.{hook}(value, false, index);");
                }
                code.Line();
                code.Line($"/// <summary>Calls {hook} for a class edge's η, with node −1.</summary>");
                using (code.GeneratedType("private readonly struct ClassEdgeHook : global::EvoDsl.Neurashed.IUpdateRule"))
                {
                    code.Line($"public static double Grow(double value, int index, long iteration) => {model.ClassName}.{hook}(value, true, -1);");
                    code.Line();
                    code.Line($"public static double Shrink(double value, int index, long iteration) => {model.ClassName}.{hook}(value, false, -1);");
                }
                return;
            }

            code.Line();
            EmitRates(code, "Rates", "[Neurashed]'s g+ and g− constants.", $"{model.ClassName}.Grow", $"{model.ClassName}.Shrink");
            // Node indices as NeurashedGraph lays them out: level by level, in declaration order within a level.
            var index = neurashed.FeatureNodes.Select((name, i) => (name, i))
                .Concat(neurashed.Nodes.OrderBy(n => n.Level).Select((n, i) => (n.Name, neurashed.FeatureNodes.Count + i)))
                .ToDictionary(p => p.Item1, p => p.Item2, System.StringComparer.Ordinal);
            for (int i = 0; i < neurashed.NodeRules.Count; i++)
            {
                NodeRuleModel rule = neurashed.NodeRules[i];
                string grow = double.IsNaN(rule.Grow) ? $"{model.ClassName}.Grow" : Parser.Format(rule.Grow);
                string shrink = double.IsNaN(rule.Shrink) ? $"{model.ClassName}.Shrink" : Parser.Format(rule.Shrink);
                code.Line();
                EmitRates(code, $"RuleRates{i + 1}", $"[NodeRule(\"{string.Join(",", rule.Nodes)}\")]'s g+ and g− constants.", grow, shrink);
                code.Line();
                code.Line($"/// <summary>The nodes of [NodeRule(\"{string.Join(",", rule.Nodes)}\")], as graph indices.</summary>");
                using (code.GeneratedType($"private readonly struct RuleNodes{i + 1} : global::EvoDsl.Neurashed.INodeSet"))
                    code.Line($"public static bool Contains(int index) => index is {string.Join(" or ", rule.Nodes.Select(n => index[n]).Distinct().OrderBy(n => n))};");
            }
        }

        private static void EmitRates(CodeWriter code, string name, string summary, string grow, string shrink)
        {
            code.Line($"/// <summary>{summary}</summary>");
            using (code.GeneratedType($"private readonly struct {name} : global::EvoDsl.Neurashed.IRuleConstants"))
            {
                code.Line($"public static double Grow => {grow};");
                code.Line();
                code.Line($"public static double Shrink => {shrink};");
            }
        }

        /// <summary>What differs between learning systems in the emitted class; everything else is shared.</summary>
        private sealed record SystemCode(
            string[] Constants,
            string SettingsType,
            string[] SettingsArguments,
            string TrainerType,
            string Field,
            string ConstructorArguments,
            string StepSummary,
            string[] StepBody,
            string CompletedMember,
            string ScoreMember,
            string UnitsPerStep);

        private static string[] NneConstants(NneModel nne) =>
        [
            $"int Hidden = {nne.Hidden}",
            $"int Genes = {nne.Genes}",
            $"int Population = {nne.Population}",
            $"double EdgeProbability = {Parser.Format(nne.EdgeProbability)}",
            $"double GeneDensity = {Parser.Format(nne.GeneDensity)}",
            $"double Selection = {Parser.Format(nne.Selection)}",
            $"double WeightGain = {Parser.Format(nne.WeightGain)}",
        ];

        private static string[] NneSettingsArguments(NneModel nne, string end) =>
        [
            "Hidden, EdgeProbability, Genes, Population, GeneDensity, Selection, WeightGain,",
            $"FitnessHook: {(nne.FitnessHook is null ? "null" : $"nameof({nne.FitnessHook})")}{end}",
        ];

        private static string[] RandomLayerConstants(RandomLayerModel layer) =>
            [$"int Hidden = {layer.Units}", $"int KCap = {layer.KCap}"];

        private const string RandomLayerSettings = "new global::EvoDsl.Dnn.RandomLayerSettings(Hidden, KCap)";

        /// <summary>The members every epoch-based trainer shares: one Step() is one epoch over the training set.</summary>
        private static SystemCode EpochTrainer(string[] constants, string settingsType, string[] settingsArguments, string trainerType,
            string constructorArguments, string stepSummary) =>
            new(constants, settingsType, settingsArguments, trainerType, "_training", constructorArguments, stepSummary,
                ["_training.Step();"], "Completed", "LastStepScore", "_training.UnitsPerStep");

        private static SystemCode Dopaminergic(DopaminergicModel dnn) => EpochTrainer(
            [.. RandomLayerConstants(dnn.Layer), $"double Threshold = {Parser.Format(dnn.Threshold)}", $"double Rate = {Parser.Format(dnn.Rate)}"],
            "global::EvoDsl.Dnn.DopaminergicSettings",
            [
                $"{RandomLayerSettings}, Threshold, Rate,",
                $"global::EvoDsl.PostSynapticFiring.{dnn.PostSynaptic}, global::EvoDsl.PreSynapticSignal.{dnn.PreSynaptic});",
            ],
            "global::EvoDsl.Dnn.DopaminergicTraining",
            "Settings, context",
            "One epoch: every training example once, in a seeded order, each followed by the three-factor update of the output layer.");

        private static SystemCode SignSgd(SignSgdModel signSgd) => EpochTrainer(
            [.. RandomLayerConstants(signSgd.Layer), $"double LearningRate = {Parser.Format(signSgd.LearningRate)}", $"int BatchSize = {signSgd.BatchSize}"],
            "global::EvoDsl.Baselines.SignSgdSettings",
            [$"{RandomLayerSettings}, LearningRate, BatchSize);"],
            "global::EvoDsl.Baselines.SignSgdTraining",
            "Settings, context",
            "One epoch of SignSGD (eq. 5) on the output layer, BatchSize examples per step, in a seeded order.");

        private static SystemCode OutputLayerSgd(OutputLayerSgdModel sgd) => EpochTrainer(
            [.. RandomLayerConstants(sgd.Layer), $"double LearningRate = {Parser.Format(sgd.LearningRate)}", $"int BatchSize = {sgd.BatchSize}"],
            "global::EvoDsl.Baselines.OutputLayerSgdSettings",
            [$"{RandomLayerSettings}, global::EvoDsl.Optimizer.{sgd.Optimizer}, LearningRate, BatchSize);"],
            "global::EvoDsl.Baselines.OutputLayerSgdTraining",
            "Settings, context",
            $"One epoch of {sgd.Optimizer} on the output layer's cross-entropy, BatchSize examples per step, in a seeded order.");

        private static SystemCode NneSignSgd(NneSignSgdModel model) => EpochTrainer(
            [.. NneConstants(model.Network), $"double LearningRate = {Parser.Format(model.LearningRate)}", $"int BatchSize = {model.BatchSize}",
             $"string AllelesFrom = {Literal(model.AllelesFrom)}"],
            "global::EvoDsl.Baselines.NneSignSgdSettings",
            [
                "new global::EvoDsl.Nne.NneSettings(",
                .. NneSettingsArguments(model.Network, "),").Select(line => "    " + line),
                "LearningRate, BatchSize);",
            ],
            "global::EvoDsl.Baselines.NneSignSgdTraining",
            "Settings, context, global::EvoDsl.Baselines.NneSignSgdTraining.AllelesFrom(context, AllelesFrom, Settings.Network, Data)",
            "One epoch of SignSGD (eq. 5) on the output layer of the network NNE learned, BatchSize examples per step.");

        private static SystemCode SparseNetworkSgd(SparseNetworkSgdModel sparse) => EpochTrainer(
            [$"int Hidden = {sparse.Hidden}", $"double EdgeProbability = {Parser.Format(sparse.EdgeProbability)}",
             $"double LearningRate = {Parser.Format(sparse.LearningRate)}", $"int BatchSize = {sparse.BatchSize}"],
            "global::EvoDsl.Baselines.SparseNetworkSgdSettings",
            [$"Hidden, EdgeProbability, global::EvoDsl.Optimizer.{sparse.Optimizer}, LearningRate, BatchSize);"],
            "global::EvoDsl.Baselines.SparseNetworkSgdTraining",
            "Settings, context",
            $"One epoch of {sparse.Optimizer} through both layers of the sparse network, BatchSize examples per step.");

        private static void EmitNneTypes(CodeWriter code, ExperimentModel model, NneModel nne)
        {
            code.Line();
            code.Line("/// <summary>The declared sizes as constants, so the JIT compiles the evaluation loop for them.</summary>");
            using (code.GeneratedType("private readonly struct Sizes : global::EvoDsl.Nne.INneSizes"))
            {
                DataModel data = model.Data!;
                code.Line("public static int Inputs => 784;");
                code.Line($"public static int Hidden => {nne.Hidden};");
                code.Line($"public static int Classes => {data.Classes};");
                code.Line($"public static int Genes => {nne.Genes};");
                code.Line($"public static int Population => {nne.Population};");
                code.Line($"public static int TrainSize => {data.Classes * data.TrainPerClass}; // Classes × TrainPerClass");
            }
            if (nne.FitnessHook is not { } hook)
                return;
            code.Line();
            code.Line($"/// <summary>Calls the declared [Fitness] hook {hook} directly, so the JIT can inline it.</summary>");
            using (code.GeneratedType("private readonly struct FitnessHook : global::EvoDsl.Kernels.ISampleFitness"))
            {
                // Qualified: a hook named Evaluate would otherwise bind to this struct's Evaluate and recurse.
                code.Line($"public static float Evaluate(global::System.ReadOnlySpan<float> logits, int label) => {model.ClassName}.{hook}(logits, label);");
                code.Line();
                code.Line("public static global::System.Runtime.Intrinsics.Vector512<float> EvaluateLanes(");
                code.Line("    global::System.ReadOnlySpan<global::System.Runtime.Intrinsics.Vector512<float>> logits, int label) =>");
                code.Line("    global::EvoDsl.Kernels.LaneByLane.Evaluate<FitnessHook>(logits, label);");
            }
        }

        public static string EmitCatalog(ImmutableArray<CatalogEntry> entries)
        {
            var code = new CodeWriter();
            code.Line("// <auto-generated/>");
            code.Line("// Generated by EvoDsl.Generators: every [Experiment] declared in this assembly, for the runner.");
            code.Line("#nullable enable");
            code.Line();
            code.Line("namespace EvoDsl.Generated;");
            code.Line();
            code.Line("/// <summary>The experiments declared in this assembly, in name order.</summary>");
            using (code.GeneratedType("internal static class ExperimentCatalog"))
            {
                code.Line("public static global::System.Collections.Generic.IReadOnlyList<global::EvoDsl.Training.ExperimentDescriptor> All { get; } =");
                code.Line("[");
                foreach (CatalogEntry entry in entries.OrderBy(e => e.Name, System.StringComparer.Ordinal).ThenBy(e => e.FullName, System.StringComparer.Ordinal))
                    code.Line($"    {entry.GlobalName}.Descriptor,");
                code.Line("];");
            }
            return code.ToString();
        }

        private static string Literal(string value) =>
            Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>An indented text writer with a braces-and-indent block helper.</summary>
        /// <summary>[GeneratedCode] with this generator's name and assembly version (1.0.0.0 until the generator is versioned).</summary>
        private static readonly string GeneratedCodeAttribute =
            $"[global::System.CodeDom.Compiler.GeneratedCode(\"EvoDsl.Generators\", \"{typeof(ExperimentGenerator).Assembly.GetName().Version}\")]";

        private sealed class CodeWriter
        {
            private readonly StringWriter _text = new() { NewLine = "\n" };
            private readonly IndentedTextWriter _writer;

            public CodeWriter() => _writer = new IndentedTextWriter(_text, "    ") { NewLine = "\n" };

            public void Line(string line = "")
            {
                if (line.Length == 0)
                    _writer.WriteLineNoTabs("");
                else
                    _writer.WriteLine(line);
            }

            public Block Block(string header)
            {
                Line(header);
                Line("{");
                _writer.Indent++;
                return new Block(this);
            }

            /// <summary>A type the generator declares whole (not the user's partial class), marked as generated for tools.</summary>
            public Block GeneratedType(string header)
            {
                Line(GeneratedCodeAttribute);
                return Block(header);
            }

            public void EndBlock()
            {
                _writer.Indent--;
                Line("}");
            }

            public override string ToString()
            {
                _writer.Flush();
                return _text.ToString();
            }
        }

        private readonly struct Block(CodeWriter writer) : System.IDisposable
        {
            public void Dispose() => writer.EndBlock();
        }
    }
}
