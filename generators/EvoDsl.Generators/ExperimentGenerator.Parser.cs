using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using EvoDsl.Generators.Systems;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EvoDsl.Generators;

public sealed partial class ExperimentGenerator
{
    /// <summary>
    /// Reads an [Experiment] class into a model, checking every value: the experiment, the class's shape, [Mnist]
    /// and [Run] here; the learning system through the <see cref="SystemModule"/> its attributes choose.
    /// </summary>
    internal static class Parser
    {
        public static readonly string ExperimentAttribute = typeof(EvoDsl.ExperimentAttribute).FullName!;

        private static readonly Regex ValidName = new("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

        /// <summary>Whether <paramref name="name"/> can name an experiment ("nne-mnist-0to4").</summary>
        public static bool IsValidName(string name) => ValidName.IsMatch(name);

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            LocationInfo? classLocation = LocationInfo.From(syntax.Identifier.GetLocation());

            AttributeData experimentAttribute = context.Attributes[0];
            var experiment = new Declaration(type, "", classLocation, cancellation).Read<EvoDsl.ExperimentAttribute>(experimentAttribute);
            string name = experiment.Name ?? "";
            var declaration = new Declaration(type, name, classLocation, cancellation);
            if (!ValidName.IsMatch(name))
                declaration.Report(DiagnosticDescriptors.InvalidExperimentName, declaration.At(experimentAttribute), name);
            CheckShape(declaration, syntax);

            (SystemModule? module, LearningSystemModel? system) = ParseSystem(declaration);
            AttributeData? mnist = declaration.Find<MnistAttribute>();
            DataModel? data = ReadsData(declaration, module, mnist) ? ParseData(declaration, mnist, module) : null;
            RunModel run = ParseRun(declaration, module, system);

            List<DiagnosticInfo> diagnostics = declaration.Diagnostics;
            ExperimentModel? model = diagnostics.Count == 0 && module is not null && system is not null && (data is not null || module.Data != DataUse.Required)
                ? new ExperimentModel(
                    type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                    type.Name, name, experiment.Description ?? "", data, system, run)
                : null;
            if (model is not null && ReportNameClashes(declaration, model))
                model = null;
            return new ParseResult(model, classLocation, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary>EVO0001 and EVO0031: the class must be a partial, top-level, non-generic class the descriptor can construct.</summary>
        private static void CheckShape(Declaration declaration, ClassDeclarationSyntax syntax)
        {
            INamedTypeSymbol type = declaration.Class;
            LocationInfo? at = declaration.ClassLocation;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                declaration.Report(DiagnosticDescriptors.ExperimentMustBePartial, at, type.Name);
            if (type.ContainingType is not null)
                declaration.Report(DiagnosticDescriptors.UnsupportedClassShape, at, type.Name, $"move it out of '{type.ContainingType.Name}'");
            else if (type.IsGenericType)
                declaration.Report(DiagnosticDescriptors.UnsupportedClassShape, at, type.Name, "remove its type parameters");
            else if (type.IsStatic)
                declaration.Report(DiagnosticDescriptors.UnsupportedClassShape, at, type.Name, "remove the 'static' modifier");
            else if (type.IsAbstract)
                declaration.Report(DiagnosticDescriptors.UnsupportedClassShape, at, type.Name, "remove the 'abstract' modifier");
        }

        /// <summary>
        /// The module the declaration's system attributes choose, and its model. No system attribute is EVO0005;
        /// a set no module takes is EVO0013, naming the first two; a module without its layer reports that itself.
        /// </summary>
        private static (SystemModule? Module, LearningSystemModel? System) ParseSystem(Declaration declaration)
        {
            List<AttributeData> systems = SystemModule.All.SelectMany(m => m.Declared(declaration)).Distinct().ToList();
            if (systems.Count == 0)
            {
                declaration.Report(DiagnosticDescriptors.MissingLearningSystem, declaration.ClassLocation, declaration.Experiment, SystemModule.Names);
                return (null, null);
            }
            SystemModule[] chosen = SystemModule.All.Where(m => m.Chooses(declaration, systems)).ToArray();
            if (chosen.Length == 0)
            {
                declaration.Report(DiagnosticDescriptors.ConflictingLearningSystems, declaration.At(systems[1]), declaration.Experiment,
                    ShortName(systems[0]), ShortName(systems[1]), SystemModule.Combinations);
                return (null, null);
            }
            if (chosen[0].Layer is null)
                return (chosen[0], chosen[0].Parse(declaration));

            AttributeData? hidden = declaration.Find<HiddenLayerAttribute>();
            AttributeData? random = declaration.Find<RandomLayerAttribute>();
            if (hidden is not null && random is not null)
            {
                declaration.Report(DiagnosticDescriptors.LayerDoesNotFit, declaration.At(random), declaration.Experiment,
                    "it declares both [HiddenLayer] and [RandomLayer]; keep the one its learning system trains on");
                return (chosen[0], null);
            }
            SystemModule? module = chosen.FirstOrDefault(m => declaration.Find(m.Layer!.FullName!) is not null);
            if (module is null)
            {
                chosen[0].ReportMissingLayer(declaration, hidden ?? random);
                return (chosen[0], null);
            }
            return (module, module.Parse(declaration));
        }

        /// <summary>An attribute as a declaration writes it: "Nne" for [Nne].</summary>
        public static string ShortName(AttributeData attribute) => ShortName(attribute.AttributeClass!.Name);

        public static string ShortName(string className) =>
            className.EndsWith("Attribute", StringComparison.Ordinal) ? className.Substring(0, className.Length - "Attribute".Length) : className;

        /// <summary>
        /// Whether [Mnist] is read: not for a system that brings its own inputs (or may, and declares no [Mnist]),
        /// nor when the declaration names such a system among others.
        /// </summary>
        private static bool ReadsData(Declaration declaration, SystemModule? module, AttributeData? mnist) =>
            !SystemModule.All.Where(m => m == module || m.Declared(declaration).Any())
                .Any(m => m.Data == DataUse.None || (m.Data == DataUse.Optional && mnist is null));

        /// <summary>EVO0032 for each user member that has the name of a member the generated half declares.</summary>
        private static bool ReportNameClashes(Declaration declaration, ExperimentModel model)
        {
            var generated = new HashSet<string>(model.DeclaredNames, StringComparer.Ordinal);
            bool clashed = false;
            foreach (ISymbol member in declaration.Class.GetMembers().Where(m => !m.IsImplicitlyDeclared && generated.Contains(m.Name)))
            {
                declaration.Report(DiagnosticDescriptors.GeneratedNameClash, Declaration.At(member), member.Name, declaration.Class.Name);
                clashed = true;
            }
            return clashed;
        }

        private static DataModel? ParseData(Declaration declaration, AttributeData? mnist, SystemModule? module)
        {
            if (mnist is null)
            {
                declaration.Report(DiagnosticDescriptors.MissingDataSource, declaration.ClassLocation, declaration.Experiment);
                return null;
            }
            LocationInfo? at = declaration.At(mnist);
            MnistAttribute data = declaration.Read<MnistAttribute>(mnist);
            int? classes = CountClasses(data.Digits, out string canonical);
            if (classes is null)
                declaration.Report(DiagnosticDescriptors.InvalidDigits, at, data.Digits);
            else if (classes == 1)
                declaration.Report(DiagnosticDescriptors.SingleClass, at, data.Digits);
            if (module?.NeedsFixedSubset == true)
            {
                // The paper's NNE setting: a fixed subset S that every genotype (or the same network) is evaluated on.
                if (data.TrainPerClass < 1)
                    declaration.Report(DiagnosticDescriptors.TrainPerClassNotACount, at, data.TrainPerClass,
                        "a positive count for the NNE network", "the paper trains it on 200 images per digit: set TrainPerClass = 200");
            }
            else if (data.TrainPerClass < 0)
            {
                declaration.Report(DiagnosticDescriptors.TrainPerClassNotACount, at, data.TrainPerClass,
                    "a positive count or MnistAttribute.All (0)", "use MnistAttribute.All for the whole training set");
            }
            return classes is { } k ? new DataModel(canonical, k, data.TrainPerClass, data.Images.ToString()) : null;
        }

        /// <summary>
        /// [Run]: the run length in the unit the system counts (its <see cref="SystemModule.RunLength"/>, with that
        /// property's default), the evaluation period and the seed. Setting another system's run length is EVO0015.
        /// </summary>
        private static RunModel ParseRun(Declaration declaration, SystemModule? module, LearningSystemModel? system)
        {
            string own = module?.RunLength ?? nameof(RunAttribute.Generations);
            AttributeData? attribute = declaration.Find<RunAttribute>();
            RunAttribute run = attribute is null ? new RunAttribute() : declaration.Read<RunAttribute>(attribute);
            int steps = RunLength(run, own);
            if (attribute is null)
                return new RunModel(steps, run.EvaluateEvery, run.Seed);
            LocationInfo? at = declaration.At(attribute);
            if (system is not null)
            {
                foreach (string other in RunLengths.Where(p => p != own && Declaration.IsSet(attribute, p)))
                    declaration.Report(DiagnosticDescriptors.WrongRunLength, at, other, module!.TitleIn(declaration), system.StepNoun + "s", own);
            }
            declaration.RequirePositive(at, own, steps);
            declaration.RequirePositive(at, nameof(RunAttribute.EvaluateEvery), run.EvaluateEvery);
            return new RunModel(steps, run.EvaluateEvery, run.Seed);
        }

        private static int RunLength(RunAttribute run, string property) => (int)typeof(RunAttribute).GetProperty(property)!.GetValue(run)!;

        /// <summary>The [Run] properties some system counts its steps in, in the order RunAttribute declares them.</summary>
        private static readonly string[] RunLengths = typeof(RunAttribute).GetProperties()
            .Select(p => p.Name).Where(name => SystemModule.All.Any(m => m.RunLength == name)).ToArray();

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
    }
}
