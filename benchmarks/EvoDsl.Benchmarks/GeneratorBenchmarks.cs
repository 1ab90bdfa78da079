using BenchmarkDotNet.Attributes;
using EvoDsl.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EvoDsl.Benchmarks;

/// <summary>
/// The source generator's own cost on the experiments project's declarations: a cold run (new
/// driver) and a warm run after an unrelated edit, which the incremental pipeline should answer
/// from its cache.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        string experiments = Path.Combine(RepositoryRoot(), "experiments", "EvoDsl.Experiments");
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        SyntaxTree[] trees = Directory.GetFiles(experiments, "*.cs")
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file))
            .ToArray();
        MetadataReference[] references =
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            MetadataReference.CreateFromFile(typeof(ExperimentAttribute).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(EvoDsl.Training.ITrainer).Assembly.Location),
        ];
        _compilation = CSharpCompilation.Create("EvoDsl.Experiments", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class Unrelated { }", parse, "Unrelated.cs"));
        _warmDriver = NewDriver(parse).RunGenerators(_compilation);
    }

    private static GeneratorDriver NewDriver(CSharpParseOptions parse) =>
        CSharpGeneratorDriver.Create([new ExperimentGenerator().AsSourceGenerator()], parseOptions: parse);

    [Benchmark]
    public GeneratorDriver ColdRun() => NewDriver(new CSharpParseOptions(LanguageVersion.Preview)).RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver WarmRunAfterUnrelatedEdit() => _warmDriver.RunGenerators(_edited);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "EvoDsl.sln")))
                return directory.FullName;
        throw new InvalidOperationException("run the benchmarks from inside the EvoDsl repository (EvoDsl.sln not found above " + AppContext.BaseDirectory + ")");
    }
}
