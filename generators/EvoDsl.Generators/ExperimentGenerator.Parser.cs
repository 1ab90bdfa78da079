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
    internal static class Parser
    {
        private const string Namespace = "EvoDsl.";
        public const string ExperimentAttribute = Namespace + "ExperimentAttribute";
        private const string MnistAttribute = Namespace + "MnistAttribute";
        private const string HiddenLayerAttribute = Namespace + "HiddenLayerAttribute";
        private const string NneAttribute = Namespace + "NneAttribute";
        private const string RunAttribute = Namespace + "RunAttribute";
        private const string FitnessAttribute = Namespace + "FitnessAttribute";

        private static readonly Regex ValidName = new("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());

            AttributeData experiment = context.Attributes[0];
            string name = experiment.ConstructorArguments.Length > 0 ? experiment.ConstructorArguments[0].Value as string ?? "" : "";
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

            DataModel? data = ParseData(Find(type, MnistAttribute), name, classLocation, diagnostics, cancellation);
            NneModel? nne = ParseNne(type, name, classLocation, diagnostics, cancellation);
            RunModel run = ParseRun(Find(type, RunAttribute), diagnostics, cancellation);

            ExperimentModel? model = diagnostics.Count == 0 && data is not null && nne is not null
                ? new ExperimentModel(
                    type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                    type.Name, name, description, data, nne, run)
                : null;
            return new ParseResult(model, classLocation, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        private static DataModel? ParseData(AttributeData? mnist, string experiment, LocationInfo? classLocation,
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
            if (trainPerClass < 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeMustBePositive, at, "TrainPerClass", trainPerClass));
            return classes is { } k ? new DataModel(canonical, k, trainPerClass) : null;
        }

        private static NneModel? ParseNne(INamedTypeSymbol type, string experiment, LocationInfo? classLocation,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            AttributeData? nne = Find(type, NneAttribute);
            if (nne is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingLearningSystem, classLocation, experiment));
                return null;
            }
            AttributeData? hidden = Find(type, HiddenLayerAttribute);
            if (hidden is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingHiddenLayer, classLocation, experiment));
                return null;
            }

            LocationInfo? hiddenAt = At(hidden, cancellation);
            int units = hidden.ConstructorArguments.Length > 0 && hidden.ConstructorArguments[0].Value is int u ? u : 0;
            double edgeProbability = Named(hidden, "EdgeProbability", AttributeDefaults.EdgeProbability);
            RequirePositive(diagnostics, hiddenAt, "HiddenLayer units", units);
            RequireProbability(diagnostics, hiddenAt, "EdgeProbability", edgeProbability, allowZero: false);

            LocationInfo? nneAt = At(nne, cancellation);
            int genes = Named(nne, "Genes", AttributeDefaults.Genes);
            int population = Named(nne, "Population", AttributeDefaults.Population);
            double geneDensity = Named(nne, "GeneDensity", AttributeDefaults.GeneDensity);
            double selection = Named(nne, "Selection", AttributeDefaults.Selection);
            double weightGain = Named(nne, "WeightGain", AttributeDefaults.WeightGain);
            RequirePositive(diagnostics, nneAt, "Genes", genes);
            RequirePositive(diagnostics, nneAt, "Population", population);
            RequireProbability(diagnostics, nneAt, "GeneDensity", geneDensity, allowZero: false);
            if (!(selection > 0) || double.IsInfinity(selection))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueMustBePositive, nneAt, "Selection", Format(selection),
                    "the selection strength ε of eq. 3 must be > 0 (100 is the default)"));
            if (!(weightGain > 0) || double.IsInfinity(weightGain))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValueMustBePositive, nneAt, "WeightGain", Format(weightGain),
                    "it multiplies the fan-in weight scale (8 is the default)"));

            string? hook = ParseFitnessHook(type, diagnostics, cancellation);
            return new NneModel(units, edgeProbability, genes, population, geneDensity, selection, weightGain, hook);
        }

        private static RunModel ParseRun(AttributeData? run, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            if (run is null)
                return new RunModel(AttributeDefaults.Generations, AttributeDefaults.EvaluateEvery, AttributeDefaults.Seed);
            LocationInfo? at = At(run, cancellation);
            int generations = Named(run, "Generations", AttributeDefaults.Generations);
            int evaluateEvery = Named(run, "EvaluateEvery", AttributeDefaults.EvaluateEvery);
            RequirePositive(diagnostics, at, "Generations", generations);
            RequirePositive(diagnostics, at, "EvaluateEvery", evaluateEvery);
            return new RunModel(generations, evaluateEvery, Named(run, "Seed", AttributeDefaults.Seed));
        }

        /// <summary>The [Fitness] method's name, if the class has exactly one with the right signature.</summary>
        private static string? ParseFitnessHook(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            IMethodSymbol[] hooks = type.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == FitnessAttribute))
                .ToArray();
            if (hooks.Length == 0)
                return null;
            if (hooks.Length > 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateFitnessHook,
                    LocationInfo.From(hooks[1].Locations.FirstOrDefault()), type.Name, hooks[0].Name, hooks[1].Name));
                return null;
            }
            IMethodSymbol hook = hooks[0];
            bool valid = HasHookSignature(hook);
            if (!valid)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFitnessHook,
                    LocationInfo.From(hook.Locations.FirstOrDefault()), hook.Name));
                return null;
            }
            return hook.Name;
        }

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
