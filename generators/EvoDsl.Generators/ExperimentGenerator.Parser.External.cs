using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EvoDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EvoDsl.Generators;

public sealed partial class ExperimentGenerator
{
    internal static partial class Parser
    {
        private const string LearningSystemAttribute = Namespace + "LearningSystemAttribute";
        private const string TrainerAttribute = Namespace + "TrainerAttribute";
        private const string TrainerInterface = Namespace + "Training.ITrainer";
        private const string DataSizesInterface = Namespace + "Training.IDataSizes";
        private const string RunContextType = Namespace + "Training.RunContext";

        private static readonly SymbolDisplayFormat GlobalNameWithoutTypeArguments =
            SymbolDisplayFormat.FullyQualifiedFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None);

        /// <summary>An attribute argument as C# that means the same from anywhere: enum members by their global name.</summary>
        private static string CSharp(TypedConstant value)
        {
            if (value.Kind == TypedConstantKind.Enum && value.Type is INamedTypeSymbol type)
            {
                string global = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                IFieldSymbol? member = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
                return member is null ? $"({global}){value.Value}" : $"{global}.{member.Name}";
            }
            return value.ToCSharpString();
        }

        /// <summary>The attributes on <paramref name="type"/> that derive from LearningSystemAttribute: systems written outside EvoDsl.</summary>
        private static IEnumerable<AttributeData> ExternalSystems(INamedTypeSymbol type) =>
            type.GetAttributes().Where(a => DerivesFrom(a.AttributeClass, LearningSystemAttribute));

        private static bool DerivesFrom(INamedTypeSymbol? type, string metadataName)
        {
            for (INamedTypeSymbol? t = type?.BaseType; t is not null; t = t.BaseType)
                if (t.ToDisplayString() == metadataName)
                    return true;
            return false;
        }

        /// <summary>
        /// A learning system of the user's own: its attribute (the settings, as declared) and the trainer its
        /// [Trainer] names, checked to be an ITrainer constructed from (the attribute, RunContext), optionally
        /// generic over the data's sizes.
        /// </summary>
        private static ExternalSystemModel? ParseExternal(INamedTypeSymbol type, AttributeData system, string experiment, bool hasData,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellation)
        {
            INamedTypeSymbol attribute = system.AttributeClass!;
            string name = attribute.Name.EndsWith("Attribute") ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;
            LocationInfo? at = At(system, cancellation);
            void Refuse(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLearningSystem, at, name, experiment, why));

            if ((Find(type, HiddenLayerAttribute) ?? Find(type, RandomLayerAttribute)) is { } layer)
            {
                Refuse($"[{layer.AttributeClass!.Name.Replace("Attribute", "")}] belongs to the built-in systems; a system of your own builds its layers from the RunContext's data, so remove it");
                return null;
            }
            AttributeData? named = attribute.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == TrainerAttribute);
            if (named?.ConstructorArguments.FirstOrDefault().Value is not INamedTypeSymbol trainer)
            {
                Refuse($"its attribute class '{attribute.Name}' names no trainer; put [Trainer(typeof(YourTrainer))] on it");
                return null;
            }
            string trainerName = trainer.Name;
            if (trainer.IsAbstract || trainer.TypeKind != TypeKind.Class)
            {
                Refuse($"its trainer '{trainerName}' must be a class that is not abstract");
                return null;
            }
            INamedTypeSymbol definition = trainer.OriginalDefinition;
            if (!definition.AllInterfaces.Any(i => i.ToDisplayString() == TrainerInterface))
            {
                Refuse($"its trainer '{trainerName}' does not implement EvoDsl.Training.ITrainer; implement it (Step, Evaluate, the state to checkpoint)");
                return null;
            }
            bool takesSizes = definition.TypeParameters.Length > 0;
            if (takesSizes)
            {
                if (definition.TypeParameters.Length > 1 || !definition.TypeParameters[0].ConstraintTypes.Any(c => c.ToDisplayString() == DataSizesInterface))
                {
                    Refuse($"its trainer '{trainerName}' may be generic only over one type parameter constrained to EvoDsl.Training.IDataSizes, which the generator fills with the declared sizes");
                    return null;
                }
                if (!hasData)
                {
                    Refuse($"its trainer '{trainerName}' takes the data's sizes, but the experiment declares no [Mnist]; add one");
                    return null;
                }
            }
            bool constructible = definition.InstanceConstructors.Any(c =>
                c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
                && c.Parameters.Length == 2
                && (SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, attribute) || DerivesFrom(attribute, c.Parameters[0].Type.ToDisplayString()))
                && c.Parameters[1].Type.ToDisplayString() == RunContextType);
            if (!constructible)
            {
                Refuse($"its trainer '{trainerName}' has no public constructor ({attribute.Name} settings, RunContext context); add one");
                return null;
            }

            string settingsType = attribute.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            string arguments = string.Join(", ", system.ConstructorArguments.Select(CSharp));
            string properties = string.Join(", ", system.NamedArguments.Select(a => $"{a.Key} = {CSharp(a.Value)}"));
            string settings = $"new {settingsType}({arguments})" + (properties.Length > 0 ? $" {{ {properties} }}" : "");
            string trainerType = definition.ToDisplayString(GlobalNameWithoutTypeArguments) + (takesSizes ? "<Sizes>" : "");
            return new ExternalSystemModel(name, settingsType, settings, trainerType, takesSizes);
        }
    }
}
