using System.Text.RegularExpressions;
using Xunit;

namespace EvoDsl.Tests.Architecture;

/// <summary>
/// The layout shows the architecture: the learning systems and kernels (src/EvoDsl) depend on no CLI,
/// console or plotting package, and no two namespaces depend on each other, however indirectly.
/// </summary>
public sealed partial class LayoutTests
{
    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "EvoDsl.sln")))
                return directory.FullName;
        throw new InvalidOperationException("EvoDsl.sln not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("System.CommandLine")]
    [InlineData("Spectre.Console")]
    [InlineData("ScottPlot")]
    public void TheLearningSystemsReferenceNoHostPackage(string package)
    {
        string project = File.ReadAllText(Path.Combine(Root(), "src", "EvoDsl", "EvoDsl.csproj"));
        Assert.DoesNotContain(package, project);
        Assert.DoesNotContain(package, string.Concat(SourcesOf("src/EvoDsl").Select(File.ReadAllText)));
    }

    /// <summary>
    /// The DSL's attributes are loaded by the generator inside the compiler, so their assembly stays
    /// netstandard2.0 with no package and no project of ours behind it, and uses nothing but the System namespace.
    /// </summary>
    [Fact]
    public void TheDslReferencesNothing()
    {
        string project = File.ReadAllText(Path.Combine(Root(), "src", "EvoDsl.Dsl", "EvoDsl.Dsl.csproj"));
        Assert.Contains("<TargetFramework>netstandard2.0</TargetFramework>", project);
        Assert.DoesNotContain("PackageReference", project);
        Assert.DoesNotContain("ProjectReference", project);
        string[] sources = SourcesOf("src/EvoDsl.Dsl").ToArray();
        Assert.True(sources.Length >= 10, $"only {sources.Length} attribute sources found: the scan is broken");
        foreach (string source in sources)
            Assert.DoesNotMatch(@"(?m)^using (?!System;)", File.ReadAllText(source));
    }

    [Fact]
    public void NoNamespacesDependOnEachOther()
    {
        Dictionary<string, HashSet<string>> uses = NamespaceDependencies();
        Assert.True(uses.Count >= 8, $"only {uses.Count} namespaces found: the scan is broken");
        var cycles = new List<string>();
        foreach ((string from, HashSet<string> targets) in uses)
            foreach (string to in targets.Where(to => Reaches(uses, to, from, [])))
                cycles.Add($"{from} ⇄ {to}");
        Assert.True(cycles.Count == 0, "namespace cycles: " + string.Join("; ", cycles));
    }

    [Fact]
    public void TheCycleCheckFindsACycle()
    {
        var uses = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.True(Reaches(uses, "B", "A", []));
        Assert.False(Reaches(uses, "A", "D", []));
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> uses, string from, string to, HashSet<string> seen)
    {
        if (!uses.TryGetValue(from, out HashSet<string>? next))
            return false;
        foreach (string n in next)
            if (n == to || (seen.Add(n) && Reaches(uses, n, to, seen)))
                return true;
        return false;
    }

    /// <summary>
    /// Namespace → the EvoDsl namespaces it names: by a using directive or a qualified name
    /// ("Kernels.MachineInfo"), and the root namespace by its types' names (the DSL's attributes and enums,
    /// EvoDslException), which every EvoDsl.* namespace sees without a using.
    /// </summary>
    private static Dictionary<string, HashSet<string>> NamespaceDependencies()
    {
        string[] files = SourcesOf("src").ToArray();
        var namespaceOf = files.ToDictionary(f => f, f => NamespaceDeclaration().Match(File.ReadAllText(f)).Groups[1].Value);
        var rootTypes = files.Where(f => namespaceOf[f] == "EvoDsl")
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet();
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (string file in files)
        {
            string ns = namespaceOf[file];
            if (ns.Length == 0)
                continue;
            string code = File.ReadAllText(file);
            var targets = uses.TryGetValue(ns, out var existing) ? existing : uses[ns] = [];
            foreach (Match m in UsingDirective().Matches(code))
                targets.Add(m.Groups[1].Value);
            foreach (Match m in QualifiedName().Matches(code))
                targets.Add("EvoDsl." + m.Groups[1].Value);
            if (ns != "EvoDsl" && Identifier().Matches(code).Any(m => rootTypes.Contains(m.Value)))
                targets.Add("EvoDsl");
            targets.RemoveWhere(t => t == ns || !t.StartsWith("EvoDsl", StringComparison.Ordinal) || ns.StartsWith(t + ".", StringComparison.Ordinal));
        }
        return uses;
    }

    private static IEnumerable<string> SourcesOf(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^using (EvoDsl[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"\b(Kernels|Metrics|Nne|Dnn|Neurashed|Baselines|Data|Training|Hosting)\.[A-Z]\w*")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^(?:public |internal )?(?:sealed |static |abstract )*(?:partial )?(?:class|record|struct|enum|interface) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w+\b")]
    private static partial Regex Identifier();
}
