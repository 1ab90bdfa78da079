using System.Collections.Immutable;
using EvoDsl.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;

namespace EvoDsl.Generators.Tests;

/// <summary>One run of <see cref="ExperimentGenerator"/> over a compilation, and everything tests look at.</summary>
/// <param name="Driver">The driver after the run; run it again to test caching.</param>
/// <param name="Result">The driver's run result, with the tracked steps.</param>
/// <param name="Sources">Generated source text by hint name.</param>
/// <param name="GeneratorDiagnostics">What the generator reported.</param>
/// <param name="OutputDiagnostics">Warnings and errors of the input compilation plus the generated code, compiled against the real EvoDsl.dll.</param>
/// <param name="Output">The input compilation plus the generated code.</param>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    GeneratorRunResult Result,
    ImmutableSortedDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> OutputDiagnostics,
    Compilation Output);

/// <summary>Builds compilations against net10.0 reference assemblies and EvoDsl.dll, and runs the generator on them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(EvoDsl.ExperimentAttribute).Assembly.Location), // the DSL's attributes
        MetadataReference.CreateFromFile(typeof(EvoDsl.Training.ITrainer).Assembly.Location), // the runtime
    ];

    /// <summary>A compilation of one file named Experiments.cs.</summary>
    public static CSharpCompilation Compile(string source) => Compile(("Experiments.cs", source));

    public static CSharpCompilation Compile(params (string Path, string Text)[] files) =>
        CSharpCompilation.Create(
            "EvoDsl.Generators.Tests.Input",
            files.Select(f => Parse(f.Path, f.Text)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static SyntaxTree Parse(string path, string text) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new ExperimentGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(string source) => Run(Compile(source));

    /// <summary>Runs <paramref name="driver"/> (a fresh one when null) on <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult runResult = driver.GetRunResult();
        GeneratorRunResult result = runResult.Results.ShouldHaveSingleItem();
        result.Exception.ShouldBeNull();
        return new GeneratorRun(
            driver,
            result,
            result.GeneratedSources.ToImmutableSortedDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal),
            result.Diagnostics,
            [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)],
            output);
    }

    /// <summary>Diagnostics formatted one a line, so a failed assertion shows them.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
