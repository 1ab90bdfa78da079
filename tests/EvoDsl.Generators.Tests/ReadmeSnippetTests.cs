using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>
/// Every ```csharp block of the repository's README.md is a complete file that compiles against EvoDsl.dll
/// with the generator run: no compiler error, no generator error, and generated code for each [Experiment]
/// class it declares. One test case per block, named by its index and first line; messages give its README line.
/// </summary>
public sealed class ReadmeSnippetTests
{
    /// <summary>
    /// The usings every README snippet may assume, so the blocks need not repeat them. They are compiled as a
    /// second file beside each snippet (a fixed prelude, not part of the README): System for spans and MathF,
    /// EvoDsl for the attributes and their enums.
    /// </summary>
    private const string GlobalUsings = """
        global using System;
        global using EvoDsl;
        """;

    /// <summary>The README's C# blocks as (index, first non-blank line), one test case each.</summary>
    public static TheoryData<int, string> Snippets()
    {
        var data = new TheoryData<int, string>();
        foreach (Snippet snippet in Readme.Snippets)
            data.Add(snippet.Index, snippet.FirstLine);
        return data;
    }

    [Fact]
    public void ReadmeHasSnippets() => Readme.Snippets.ShouldNotBeEmpty($"no ```csharp block in {Readme.Path}");

    [Theory]
    [MemberData(nameof(Snippets))]
    public void SnippetCompiles(int index, string firstLine)
    {
        Snippet snippet = Readme.Snippets.Single(s => s.Index == index);
        snippet.FirstLine.ShouldBe(firstLine, "README.md changed since the tests were discovered");
        string name = $"README.md snippet {index} (line {snippet.Line}: {firstLine})";

        // Blank lines before the snippet put its compiler and generator diagnostics at README.md's line numbers.
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(
            ("GlobalUsings.cs", GlobalUsings),
            ("README.md", new string('\n', snippet.Line - 1) + snippet.Code)));

        Diagnostic[] generatorErrors = [.. run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
        generatorErrors.ShouldBeEmpty($"{name}: generator errors\n{GeneratorHarness.Describe(generatorErrors)}");
        Diagnostic[] compilerErrors = [.. run.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)];
        compilerErrors.ShouldBeEmpty($"{name}: compiler errors\n{GeneratorHarness.Describe(compilerErrors)}");

        // Each [Experiment] class must have a generated half: a declaration in a tree the generator added.
        SyntaxTree snippetTree = run.Output.SyntaxTrees.Single(t => t.FilePath == "README.md");
        ImmutableHashSet<SyntaxTree> generated = [.. run.Result.GeneratedSources.Select(s => s.SyntaxTree)];
        SemanticModel model = run.Output.GetSemanticModel(snippetTree);
        INamedTypeSymbol experimentAttribute = run.Output.GetTypeByMetadataName("EvoDsl.ExperimentAttribute").ShouldNotBeNull();
        foreach (TypeDeclarationSyntax declaration in snippetTree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration, TestContext.Current.CancellationToken).ShouldNotBeNull();
            if (!type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, experimentAttribute)))
                continue;
            type.DeclaringSyntaxReferences.Any(r => generated.Contains(r.SyntaxTree))
                .ShouldBeTrue($"{name}: no generated source for [Experiment] class {type.ToDisplayString()}");
        }
    }

    /// <summary>A fenced C# block: its 0-based index among them, the README line of its first code line, its text.</summary>
    private sealed record Snippet(int Index, int Line, string Code)
    {
        public string FirstLine { get; } = Code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
    }

    private static class Readme
    {
        /// <summary>README.md in the folder holding EvoDsl.sln, found by walking up from the test assembly.</summary>
        public static readonly string Path = Find();

        public static readonly ImmutableArray<Snippet> Snippets = Extract(File.ReadAllLines(Path));

        private static string Find()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(directory.FullName, "EvoDsl.sln")))
                    return System.IO.Path.Combine(directory.FullName, "README.md");
            }
            throw new InvalidOperationException($"No EvoDsl.sln above {AppContext.BaseDirectory}");
        }

        /// <summary>The blocks fenced by ``` lines whose info string is csharp (or cs, c#).</summary>
        private static ImmutableArray<Snippet> Extract(string[] lines)
        {
            var snippets = ImmutableArray.CreateBuilder<Snippet>();
            for (int i = 0; i < lines.Length; i++)
            {
                string fence = lines[i].TrimStart();
                if (!fence.StartsWith("```", StringComparison.Ordinal))
                    continue;
                string info = fence.TrimStart('`').Trim().Split(' ', 2)[0].ToLowerInvariant();
                int start = i + 1;
                int end = start;
                while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
                    end++;
                if (info is "csharp" or "cs" or "c#")
                    snippets.Add(new Snippet(snippets.Count, start + 1, string.Join("\n", lines[start..end])));
                i = end;
            }
            return snippets.ToImmutable();
        }
    }
}
