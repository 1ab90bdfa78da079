using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using EvoDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EvoDsl.Generators;

public sealed partial class ExperimentGenerator
{
    /// <summary>Reads an [Experiment] class's attributes into a model, checking every value.</summary>
    internal static partial class Parser
    {
        private const string Namespace = "EvoDsl.";
        public const string ExperimentAttribute = Namespace + "ExperimentAttribute";
        private const string MnistAttribute = Namespace + "MnistAttribute";
        private const string HiddenLayerAttribute = Namespace + "HiddenLayerAttribute";
        private const string NneAttribute = Namespace + "NneAttribute";
        private const string RunAttribute = Namespace + "RunAttribute";
        private const string FitnessAttribute = Namespace + "FitnessAttribute";
        private const string RandomLayerAttribute = Namespace + "RandomLayerAttribute";
        private const string DopaminergicAttribute = Namespace + "DopaminergicAttribute";
        private const string SignSgdAttribute = Namespace + "SignSgdAttribute";
        private const string SgdAttribute = Namespace + "SgdAttribute";

        private static readonly Regex ValidName = new("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());

            AttributeData experiment = context.Attributes[0];
            string name = Argument<string>(experiment, 0) ?? "";
            string description = Named(experiment, "Description", "");
            if (!ValidName.IsMatch(name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidExperimentName, At(experiment, cancellation), name));

            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ExperimentMustBePartial, classLocation, type.Name));
            if (type.ContainingType is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClassShape, classLocation, type.Name,
                    $"move it out of '{type.ContainingType.Name}'"));
            else if (type.IsGenericType)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClassShape, classLocation, type.Name, "remove its type parameters"));
            else if (type.IsStatic)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClassShape, classLocation, type.Name, "remove the 'static' modifier"));
            else if (type.IsAbstract) // its Descriptor constructs it: new ClassName(context)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClassShape, classLocation, type.Name, "remove the 'abstract' modifier"));

            LearningSystemModel? system = ParseSystem(type, name, classLocation, diagnostics, cancellation);
            // A neurashed brings its own inputs: its declaration problems are its own, not a missing [Mnist].
            // A system of the user's own may bring its own inputs too, when it declares no [Mnist].
            DataModel? data = Find(type, NeurashedAttribute) is not null || (ExternalSystems(type).Any() && Find(type, MnistAttribute) is null)
                ? null
                : ParseData(Find(type, MnistAttribute), name, system, classLocation, diagnostics, cancellation);
            RunModel run = ParseRun(Find(type, RunAttribute), system, diagnostics, cancellation);

            ExperimentModel? model = diagnostics.Count == 0 && system is not null && (data is not null || system is NeurashedModel or ExternalSystemModel)
                ? new ExperimentModel(
                    type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                    type.Name, name, description, data, system, run)
                : null;
            if (model is not null && ReportNameClashes(type, model, diagnostics))
                model = null;
            return new ParseResult(model, classLocation, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary>EVO0032 for each user member that has the name of a member the generated half declares.</summary>
        private static bool ReportNameClashes(INamedTypeSymbol type, ExperimentModel model, List<DiagnosticInfo> diagnostics)
        {
            var generated = new HashSet<string>(Emitter.DeclaredNames(model), StringComparer.Ordinal);
            bool clashed = false;
            foreach (ISymbol member in type.GetMembers().Where(m => !m.IsImplicitlyDeclared && generated.Contains(m.Name)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedNameClash,
                    LocationInfo.From(member.Locations.FirstOrDefault()), member.Name, type.Name));
                clashed = true;
            }
            return clashed;
        }

        private static DataModel? ParseData(AttributeData? mnist, string experiment, LearningSystemModel? system, LocationInfo? classLocation,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            if (mnist is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingDataSource, classLocation, experiment));
                return null;
            }
            LocationInfo? at = At(mnist, cancellation);
            string digits = Named(mnist, "Digits", AttributeDefaults.Digits);
            int trainPerClass = Named(mnist, "TrainPerClass", AttributeDefaults.TrainPerClass);
            int? classes = CountClasses(digits, out string canonical);
            if (classes is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDigits, at, digits));
            else if (classes == 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SingleClass, at, digits));
            if (system is NneModel or NneSignSgdModel or SparseNetworkSgdModel)
            {
                // The paper's NNE setting: a fixed subset S that every genotype (or the same network) is evaluated on.
                if (trainPerClass < 1)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TrainPerClassNotACount, at, trainPerClass,
                        "a positive count for the NNE network", "the paper trains it on 200 images per digit: set TrainPerClass = 200"));
            }
            else if (trainPerClass < 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TrainPerClassNotACount, at, trainPerClass,
                    "a positive count or MnistAttribute.All (0)", "use MnistAttribute.All for the whole training set"));
            }
            return classes is { } k ? new DataModel(canonical, k, trainPerClass) : null;
        }

        /// <summary>
        /// The learning system and the layer it trains on. Valid pairs: [Nne] + [HiddenLayer]; [Dopaminergic],
        /// [SignSgd] or [Sgd] + [RandomLayer]; [Sgd] + [HiddenLayer]; [Nne] + [SignSgd(AllelesFrom)] + [HiddenLayer].
        /// </summary>
        private static LearningSystemModel? ParseSystem(INamedTypeSymbol type, string experiment, LocationInfo? classLocation,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            AttributeData? nne = Find(type, NneAttribute);
            AttributeData? dopaminergic = Find(type, DopaminergicAttribute);
            AttributeData? signSgd = Find(type, SignSgdAttribute);
            AttributeData? sgd = Find(type, SgdAttribute);
            AttributeData? hidden = Find(type, HiddenLayerAttribute);
            AttributeData? random = Find(type, RandomLayerAttribute);
            AttributeData? neurashed = Find(type, NeurashedAttribute);

            var systems = new List<(string Name, AttributeData Attribute)>();
            if (neurashed is not null) systems.Add(("Neurashed", neurashed));
            if (nne is not null) systems.Add(("Nne", nne));
            if (dopaminergic is not null) systems.Add(("Dopaminergic", dopaminergic));
            if (signSgd is not null) systems.Add(("SignSgd", signSgd));
            if (sgd is not null) systems.Add(("Sgd", sgd));
            foreach (AttributeData external in ExternalSystems(type))
                systems.Add((external.AttributeClass!.Name.Replace("Attribute", ""), external));
            if (systems.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingLearningSystem, classLocation, experiment));
                return null;
            }
            if (neurashed is not null && systems.Count == 1)
            {
                AttributeData? extra = Find(type, MnistAttribute) ?? hidden ?? random;
                if (extra is null)
                    return ParseNeurashed(type, neurashed, experiment, diagnostics, cancellation);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NeurashedShape, At(extra, cancellation), experiment,
                    $"a neurashed trains on its [Pattern] inputs through its own graph; remove [{extra.AttributeClass!.Name.Replace("Attribute", "")}]"));
                return null;
            }
            if (systems.Count == 1 && DerivesFrom(systems[0].Attribute.AttributeClass, LearningSystemAttribute))
                return ParseExternal(type, systems[0].Attribute, experiment, Find(type, MnistAttribute) is not null, diagnostics, cancellation);
            bool nneWithSignSgd = systems.Count == 2 && nne is not null && signSgd is not null;
            if (systems.Count > 1 && !nneWithSignSgd)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingLearningSystems,
                    At(systems[1].Attribute, cancellation), experiment, systems[0].Name, systems[1].Name));
                return null;
            }
            if (hidden is not null && random is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerDoesNotFit, At(random, cancellation), experiment,
                    "it declares both [HiddenLayer] and [RandomLayer]; keep the one its learning system trains on"));
                return null;
            }

            string? allelesFrom = signSgd is null ? null : Named<string?>(signSgd, "AllelesFrom", null);
            if (signSgd is not null && !nneWithSignSgd && allelesFrom is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAllelesFrom, At(signSgd, cancellation), experiment,
                    "AllelesFrom applies to NNE + SignSGD only; add the [HiddenLayer] and [Nne] of the run it names, or remove AllelesFrom"));
                return null;
            }

            if (nne is not null)
            {
                if (hidden is null)
                {
                    diagnostics.Add(random is null
                        ? DiagnosticInfo.Create(DiagnosticDescriptors.MissingHiddenLayer, classLocation, experiment)
                        : DiagnosticInfo.Create(DiagnosticDescriptors.LayerDoesNotFit, At(random, cancellation), experiment,
                            "NNE evolves the weights of a sparse [HiddenLayer], not a fixed [RandomLayer]; replace it by [HiddenLayer(1000, EdgeProbability = 0.1)]"));
                    return null;
                }
                NneModel? network = ParseNne(type, nne, hidden, diagnostics, cancellation);
                if (!nneWithSignSgd || network is null)
                    return network;
                LocationInfo? signSgdAt = At(signSgd!, cancellation);
                if (allelesFrom is null || !ValidName.IsMatch(allelesFrom) || allelesFrom == experiment)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidAllelesFrom, signSgdAt, experiment,
                        allelesFrom is null
                            ? "[Nne] with [SignSgd] is NNE + SignSGD, which starts from the allele frequencies an NNE run learned; set AllelesFrom to that experiment's name"
                            : $"AllelesFrom \"{allelesFrom}\" must name another experiment, the NNE run whose alleles this one starts from"));
                    return null;
                }
                (double rate, int batch) = ParseStep(signSgd!, signSgdAt, AttributeDefaults.SignSgdLearningRate, AttributeDefaults.SignSgdBatchSize, diagnostics);
                return new NneSignSgdModel(network, rate, batch, allelesFrom);
            }

            AttributeData chosen = systems[0].Attribute;
            LocationInfo? chosenAt = At(chosen, cancellation);
            if (sgd is not null && hidden is not null)
            {
                (int units, double edgeProbability) = ParseHiddenLayer(hidden, diagnostics, cancellation);
                (double rate, int batch) = ParseStep(sgd, chosenAt, AttributeDefaults.SgdLearningRate, AttributeDefaults.SgdBatchSize, diagnostics);
                return new SparseNetworkSgdModel(units, edgeProbability, EnumName(sgd, "Optimizer", AttributeDefaults.Optimizer, diagnostics, cancellation), rate, batch);
            }
            if (random is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerDoesNotFit, hidden is null ? classLocation : At(hidden, cancellation), experiment,
                    hidden is null
                        ? $"[{systems[0].Name}] trains an output layer on fixed random features; add [RandomLayer(1000)]"
                        : $"[{systems[0].Name}] trains an output layer on a fixed [RandomLayer], not on the NNE's [HiddenLayer]; replace it by [RandomLayer(1000)]"));
                return null;
            }
            RandomLayerModel? layer = ParseRandomLayer(random, diagnostics, cancellation);
            if (dopaminergic is not null)
            {
                double threshold = Named(dopaminergic, "Threshold", AttributeDefaults.DopamineThreshold);
                double rate = Named(dopaminergic, "Rate", AttributeDefaults.DopamineRate);
                RequireFinitePositive(diagnostics, chosenAt, "Threshold", threshold, "it is the loss ε0 below which the dopamine signal rewards (paper: 0.75)");
                RequireFinitePositive(diagnostics, chosenAt, "Rate", rate, "it is the size ε1 of one update (0.001 is the default)");
                return layer is null ? null : new DopaminergicModel(layer, threshold, rate,
                    EnumName(dopaminergic, "PostSynaptic", AttributeDefaults.PostSynaptic, diagnostics, cancellation),
                    EnumName(dopaminergic, "PreSynaptic", AttributeDefaults.PreSynaptic, diagnostics, cancellation));
            }
            if (signSgd is not null)
            {
                (double rate, int batch) = ParseStep(signSgd, chosenAt, AttributeDefaults.SignSgdLearningRate, AttributeDefaults.SignSgdBatchSize, diagnostics);
                return layer is null ? null : new SignSgdModel(layer, rate, batch);
            }
            (double sgdRate, int sgdBatch) = ParseStep(sgd!, chosenAt, AttributeDefaults.SgdLearningRate, AttributeDefaults.SgdBatchSize, diagnostics);
            return layer is null ? null : new OutputLayerSgdModel(layer, EnumName(sgd!, "Optimizer", AttributeDefaults.Optimizer, diagnostics, cancellation), sgdRate, sgdBatch);
        }

        private static NneModel? ParseNne(INamedTypeSymbol type, AttributeData nne, AttributeData hidden,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            (int units, double edgeProbability) = ParseHiddenLayer(hidden, diagnostics, cancellation);
            LocationInfo? nneAt = At(nne, cancellation);
            int genes = Named(nne, "Genes", AttributeDefaults.Genes);
            int population = Named(nne, "Population", AttributeDefaults.Population);
            double geneDensity = Named(nne, "GeneDensity", AttributeDefaults.GeneDensity);
            double selection = Named(nne, "Selection", AttributeDefaults.Selection);
            double weightGain = Named(nne, "WeightGain", AttributeDefaults.WeightGain);
            RequirePositive(diagnostics, nneAt, "Genes", genes);
            RequirePositive(diagnostics, nneAt, "Population", population);
            RequireProbability(diagnostics, nneAt, "GeneDensity", geneDensity, allowZero: false);
            RequireFinitePositive(diagnostics, nneAt, "Selection", selection, "the selection strength ε of eq. 3 must be > 0 (100 is the default)");
            RequireFinitePositive(diagnostics, nneAt, "WeightGain", weightGain, "it multiplies the fan-in weight scale (8 is the default)");

            string? hook = ParseFitnessHook(type, diagnostics);
            return new NneModel(units, edgeProbability, genes, population, geneDensity, selection, weightGain, hook);
        }

        private static (int Units, double EdgeProbability) ParseHiddenLayer(AttributeData hidden, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            LocationInfo? at = At(hidden, cancellation);
            int units = Units(hidden);
            double edgeProbability = Named(hidden, "EdgeProbability", AttributeDefaults.EdgeProbability);
            RequirePositive(diagnostics, at, "HiddenLayer units", units);
            RequireProbability(diagnostics, at, "EdgeProbability", edgeProbability, allowZero: false);
            return (units, edgeProbability);
        }

        private static RandomLayerModel? ParseRandomLayer(AttributeData random, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            LocationInfo? at = At(random, cancellation);
            int units = Units(random);
            int kCap = Named(random, "KCap", AttributeDefaults.KCap);
            if (units < 1)
            {
                RequirePositive(diagnostics, at, "RandomLayer units", units);
                return null;
            }
            if (kCap < 0 || kCap > units)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.KCapOutOfRange, at, kCap, units));
                return null;
            }
            return new RandomLayerModel(units, kCap);
        }

        /// <summary>LearningRate and BatchSize of [SignSgd] or [Sgd].</summary>
        private static (double LearningRate, int BatchSize) ParseStep(AttributeData attribute, LocationInfo? at, double defaultRate, int defaultBatch,
            List<DiagnosticInfo> diagnostics)
        {
            double rate = Named(attribute, "LearningRate", defaultRate);
            int batch = Named(attribute, "BatchSize", defaultBatch);
            RequireFinitePositive(diagnostics, at, "LearningRate", rate, $"it is the step size ({Format(defaultRate)} is the default)");
            RequirePositive(diagnostics, at, "BatchSize", batch);
            return (rate, batch);
        }

        private static int Units(AttributeData layer) => Argument<int>(layer, 0);

        /// <summary>
        /// Constructor argument <paramref name="index"/>, or default while the attribute is half-typed
        /// (the compiler then binds it with fewer arguments than the constructor has).
        /// </summary>
        private static T? Argument<T>(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is T value ? value : default;

        private static RunModel ParseRun(AttributeData? run, LearningSystemModel? system, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            (string own, int defaultSteps) = system switch
            {
                EpochSystemModel => ("Epochs", AttributeDefaults.Epochs),
                NeurashedModel => ("Iterations", AttributeDefaults.Iterations),
                ExternalSystemModel => ("Steps", AttributeDefaults.Steps),
                _ => ("Generations", AttributeDefaults.Generations),
            };
            if (run is null)
                return new RunModel(defaultSteps, AttributeDefaults.EvaluateEvery, AttributeDefaults.Seed);
            LocationInfo? at = At(run, cancellation);
            foreach (string other in new[] { "Generations", "Epochs", "Iterations", "Steps" }.Where(o => o != own && IsSet(run, o)))
            {
                if (system is not null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongRunLength, at, other, SystemTitle(system),
                        system.StepNoun + "s", own));
            }
            int steps = Named(run, own, defaultSteps);
            int evaluateEvery = Named(run, "EvaluateEvery", AttributeDefaults.EvaluateEvery);
            RequirePositive(diagnostics, at, own, steps);
            RequirePositive(diagnostics, at, "EvaluateEvery", evaluateEvery);
            return new RunModel(steps, evaluateEvery, Named(run, "Seed", AttributeDefaults.Seed));
        }

        private static string SystemTitle(LearningSystemModel system) => system switch
        {
            NneModel => "NNE",
            DopaminergicModel => "[Dopaminergic]",
            SignSgdModel => "[SignSgd]",
            NneSignSgdModel => "NNE + SignSGD",
            NeurashedModel => "[Neurashed]",
            ExternalSystemModel external => $"[{external.AttributeName}]",
            _ => "[Sgd]",
        };

        /// <summary>The [Fitness] method's name, if the class has exactly one with the right signature.</summary>
        private static string? ParseFitnessHook(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics) =>
            ParseHook(type, FitnessAttribute, HasHookSignature, diagnostics,
                (first, second) => DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateFitnessHook, At(second), type.Name, first.Name, second.Name),
                hook => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFitnessHook, At(hook), hook.Name));

        /// <summary>
        /// The name of the method marked with <paramref name="attribute"/>, when the class has exactly one and
        /// <paramref name="hasSignature"/> accepts it; otherwise the diagnostic for a second hook or a wrong signature.
        /// </summary>
        private static string? ParseHook(INamedTypeSymbol type, string attribute, Func<IMethodSymbol, bool> hasSignature, List<DiagnosticInfo> diagnostics,
            Func<IMethodSymbol, IMethodSymbol, DiagnosticInfo> duplicate, Func<IMethodSymbol, DiagnosticInfo> invalid)
        {
            IMethodSymbol[] hooks = type.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute))
                .ToArray();
            if (hooks.Length == 0)
                return null;
            if (hooks.Length > 1)
            {
                diagnostics.Add(duplicate(hooks[0], hooks[1]));
                return null;
            }
            if (!hasSignature(hooks[0]))
            {
                diagnostics.Add(invalid(hooks[0]));
                return null;
            }
            return hooks[0].Name;
        }

        private static LocationInfo? At(IMethodSymbol method) => LocationInfo.From(method.Locations.FirstOrDefault());

        // Any accessibility will do: the generated code is part of the same class.
        private static bool HasHookSignature(IMethodSymbol hook) =>
            hook.IsStatic
            && !hook.IsGenericMethod
            && hook.ReturnType.SpecialType == SpecialType.System_Single
            && hook.Parameters.Length == 2
            && hook.Parameters.All(p => p.RefKind == RefKind.None)
            && IsReadOnlySpanOfFloat(hook.Parameters[0].Type)
            && hook.Parameters[1].Type.SpecialType == SpecialType.System_Int32;

        private static bool IsReadOnlySpanOfFloat(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "ReadOnlySpan", TypeArguments.Length: 1 } span
            && span.ContainingNamespace.ToDisplayString() == "System"
            && span.TypeArguments[0].SpecialType == SpecialType.System_Single;

        /// <summary>
        /// Number of distinct classes in "0-4", "0,1,7", "0-2,5" (labels 0..255), with the canonical
        /// spelling the runtime's DigitSet.Format also produces (runs of three or more become ranges); null when the text is malformed.
        /// </summary>
        internal static int? CountClasses(string text, out string canonical)
        {
            canonical = text;
            var labels = new SortedSet<int>();
            foreach (string rawPart in text.Split(','))
            {
                string part = rawPart.Trim();
                string[] bounds = part.Split('-');
                if (bounds.Length is < 1 or > 2
                    || !int.TryParse(bounds[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int low)
                    || low > 255)
                    return null;
                int high = low;
                if (bounds.Length == 2
                    && (!int.TryParse(bounds[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out high) || high > 255 || high < low))
                    return null;
                for (int label = low; label <= high; label++)
                    labels.Add(label);
            }
            canonical = Canonical(labels.ToArray());
            return labels.Count;
        }

        private static string Canonical(int[] labels)
        {
            var parts = new List<string>();
            for (int i = 0; i < labels.Length;)
            {
                int j = i;
                while (j + 1 < labels.Length && labels[j + 1] == labels[j] + 1)
                    j++;
                if (j >= i + 2)
                {
                    parts.Add($"{labels[i]}-{labels[j]}");
                    i = j + 1;
                }
                else
                {
                    parts.Add(labels[i].ToString(CultureInfo.InvariantCulture));
                    i++;
                }
            }
            return string.Join(",", parts);
        }

        private static void RequirePositive(List<DiagnosticInfo> diagnostics, LocationInfo? at, string what, int value)
        {
            if (value < 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeMustBePositive, at, what, value));
        }

        private static void RequireProbability(List<DiagnosticInfo> diagnostics, LocationInfo? at, string what, double value, bool allowZero)
        {
            bool valid = allowZero ? value >= 0 && value <= 1 : value > 0 && value <= 1;
            if (!valid)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ProbabilityOutOfRange, at, what, Format(value), allowZero ? "[0, 1]" : "(0, 1]"));
        }

        private static void RequireFinitePositive(List<DiagnosticInfo> diagnostics, LocationInfo? at, string what, double value, string why)
        {
            if (!(value > 0) || double.IsInfinity(value))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueMustBePositive, at, what, Format(value), why));
        }

        private static bool IsSet(AttributeData attribute, string name) =>
            attribute.NamedArguments.Any(argument => argument.Key == name);

        /// <summary>
        /// The member name of an enum-valued named argument (e.g. "Winner"), or the fallback when it is not set;
        /// a value that names no member (a cast number) is reported.
        /// </summary>
        private static string EnumName(AttributeData attribute, string name, string fallback, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key != name || argument.Value.Type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
                    continue;
                IFieldSymbol[] members = enumType.GetMembers().OfType<IFieldSymbol>().Where(m => m.HasConstantValue).ToArray();
                foreach (IFieldSymbol member in members)
                {
                    if (Equals(member.ConstantValue, argument.Value.Value))
                        return member.Name;
                }
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, At(attribute, cancellation),
                    name, $"({enumType.Name}){argument.Value.Value}", string.Join(", ", members.Select(m => $"{enumType.Name}.{m.Name}"))));
            }
            return fallback;
        }

        private static AttributeData? Find(INamedTypeSymbol type, string metadataName) =>
            type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

        private static T Named<T>(AttributeData attribute, string name, T fallback)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is { } value)
                    return value is T typed ? typed : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
            }
            return fallback;
        }

        private static LocationInfo? At(AttributeData attribute, CancellationToken cancellation) =>
            LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellation).GetLocation());

        internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
