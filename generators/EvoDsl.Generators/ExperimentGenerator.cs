using System.Collections.Immutable;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EvoDsl.Generators;

/// <summary>
/// Turns each [Experiment] class into its training loop and registers it in a generated catalog.
/// This file only wires the pipeline: parsing is in <see cref="Parser"/>, code writing in <see cref="Emitter"/>,
/// and each learning system is a module under Systems/ (<see cref="Systems.SystemModule"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ExperimentGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                Parser.ExperimentAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancellation) => Parser.Parse(syntax, cancellation))
            .WithTrackingName(TrackingNames.Declarations);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = declarations
            .Select(static (result, _) => result.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (DiagnosticInfo diagnostic in list)
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        IncrementalValuesProvider<ExperimentModel> models = declarations
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (output, model) =>
            output.AddSource(Emitter.HintName(model), Emitter.EmitExperiment(model)));

        IncrementalValueProvider<ImmutableArray<CatalogEntry>> catalog = declarations
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => new CatalogEntry(result.Model!.Name, result.Model.GlobalName, result.Model.FullName, result.Location,
                result.Model.System.StartsFrom))
            .Collect()
            .WithTrackingName(TrackingNames.CatalogEntries);
        context.RegisterSourceOutput(catalog, static (output, entries) =>
        {
            foreach (var group in entries.GroupBy(e => e.Name).Where(g => g.Count() > 1))
            {
                CatalogEntry first = group.First();
                foreach (CatalogEntry duplicate in group.Skip(1))
                    output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateExperimentName,
                        duplicate.Location, duplicate.Name, first.FullName, duplicate.FullName).ToDiagnostic());
            }
            var names = new HashSet<string>(entries.Select(e => e.Name), StringComparer.Ordinal);
            foreach (CatalogEntry entry in entries.Where(e => e.StartsFrom is not null && !names.Contains(e.StartsFrom)))
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownAllelesFrom,
                    entry.Location, entry.StartsFrom!, entry.Name).ToDiagnostic());
            output.AddSource(Emitter.CatalogHintName, Emitter.EmitCatalog(entries));
        });
    }
}
