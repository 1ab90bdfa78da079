using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using EvoDsl.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Shouldly;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>
/// The pipeline caches: a rerun on an equal compilation, or after an unrelated edit, reuses every named
/// step; an edit to one experiment regenerates only that experiment; and no step output holds a
/// compilation, symbol or syntax (which would root old compilations and defeat caching).
/// </summary>
public sealed class IncrementalityTests
{
    /// <summary>Every name in <see cref="TrackingNames"/>, so a new step is covered without editing this test.</summary>
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private const string Alpha = """
        using EvoDsl;

        namespace Lab;

        [Experiment("alpha")] [Mnist(Digits = "0-4")] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)] [Run(Generations = 100)]
        public partial class Alpha;
        """;

    private const string Beta = """
        using EvoDsl;

        namespace Lab;

        [Experiment("beta")] [Mnist(Digits = "5-9")] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)] [Run(Generations = 100)]
        public partial class Beta;
        """;

    // Invalid (no [Nne]), so the Diagnostics step has an output to cache too.
    private const string Broken = """
        using EvoDsl;

        namespace Lab;

        [Experiment("broken")] [Mnist] [HiddenLayer(4)]
        public partial class Broken;
        """;

    private const string Other = """
        namespace Lab;

        internal static class Arithmetic
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    private static CSharpCompilation Experiments() =>
        GeneratorHarness.Compile(("Alpha.cs", Alpha), ("Beta.cs", Beta), ("Broken.cs", Broken), ("Other.cs", Other));

    [Fact]
    public void StepNamesAreTheFourPipelineSteps() =>
        StepNames.ShouldBe(["Declarations", "Models", "Diagnostics", "CatalogEntries"], ignoreOrder: true);

    [Fact]
    public void RerunOnClonedCompilationReusesEveryStep()
    {
        CSharpCompilation compilation = Experiments();
        GeneratorRun first = GeneratorHarness.Run(compilation);
        GeneratorRun second = GeneratorHarness.Run(compilation.Clone(), first.Driver);

        ShouldHaveRunEveryStep(first);
        ShouldReuseEveryStep(second);
        ShouldHaveSameOutputs(first, second);
        second.Sources.ShouldBe(first.Sources);
        second.GeneratorDiagnostics.Select(d => d.ToString()).ShouldBe(first.GeneratorDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void AddingAnUnrelatedFileReusesEveryStep()
    {
        CSharpCompilation compilation = Experiments();
        GeneratorRun first = GeneratorHarness.Run(compilation);
        GeneratorRun second = GeneratorHarness.Run(
            compilation.AddSyntaxTrees(GeneratorHarness.Parse("Unrelated.cs", "namespace Lab; internal sealed class Unrelated;")),
            first.Driver);

        ShouldReuseEveryStep(second);
        second.Sources.ShouldBe(first.Sources);
    }

    [Fact]
    public void EditingAnUnrelatedFileReusesEveryStep()
    {
        CSharpCompilation compilation = Experiments();
        GeneratorRun first = GeneratorHarness.Run(compilation);
        GeneratorRun second = GeneratorHarness.Run(Replace(compilation, "Other.cs", "x * 2", "x + x + 0"), first.Driver);

        ShouldReuseEveryStep(second);
        second.Sources.ShouldBe(first.Sources);
    }

    [Fact]
    public void EditingOneExperimentRegeneratesOnlyThatExperiment()
    {
        CSharpCompilation compilation = Experiments();
        GeneratorRun first = GeneratorHarness.Run(compilation);
        // Same length, so no declaration moves and the catalog's entries stay equal.
        GeneratorRun second = GeneratorHarness.Run(Replace(compilation, "Alpha.cs", "Generations = 100", "Generations = 900"), first.Driver);

        ShouldHaveNoRoslynObjects(second);
        Dictionary<string, IncrementalStepRunReason> models = ModelReasons(second);
        models.Keys.ShouldBe(["alpha", "beta"], ignoreOrder: true);
        models["alpha"].ShouldBe(IncrementalStepRunReason.Modified);
        IsReused(models["beta"]).ShouldBeTrue($"beta's model was {models["beta"]}");
        StepReasons(second, TrackingNames.CatalogEntries).ShouldAllBe(r => IsReused(r));
        StepReasons(second, TrackingNames.Diagnostics).ShouldAllBe(r => IsReused(r));

        second.Sources["Lab.Alpha.g.cs"].ShouldBe(first.Sources["Lab.Alpha.g.cs"].Replace("Steps: 100", "Steps: 900"));
        second.Sources["Lab.Alpha.g.cs"].ShouldNotBe(first.Sources["Lab.Alpha.g.cs"]);
        second.Sources["Lab.Beta.g.cs"].ShouldBe(first.Sources["Lab.Beta.g.cs"]);
    }

    /// <summary>Moving a declaration changes only its location, which the model does not hold: its code is not rewritten.</summary>
    [Fact]
    public void MovingAnExperimentDoesNotRegenerateItsCode()
    {
        CSharpCompilation compilation = Experiments();
        GeneratorRun first = GeneratorHarness.Run(compilation);
        GeneratorRun second = GeneratorHarness.Run(
            Replace(compilation, "Alpha.cs", "namespace Lab;", "namespace Lab;\n\n// The first experiment.\n"), first.Driver);

        ShouldHaveNoRoslynObjects(second);
        StepReasons(second, TrackingNames.Models).ShouldAllBe(r => IsReused(r));
        second.Sources.ShouldBe(first.Sources);
    }

    [Fact]
    public void WalkerFindsRoslynObjectsInsideOutputs()
    {
        CSharpCompilation compilation = Experiments();
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SyntaxNode root = tree.GetRoot(TestContext.Current.CancellationToken);
        INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("Lab.Alpha")!;
        var location = LocationInfo.From(root.GetLocation());

        RoslynObjects(compilation, "x").ShouldNotBeEmpty();
        RoslynObjects((1, "a", ImmutableArray.Create<object>(tree)), "x").ShouldNotBeEmpty();
        RoslynObjects(new EquatableArray<string>(["a"]), "x").ShouldBeEmpty();
        RoslynObjects(new[] { (object)root }, "x").ShouldNotBeEmpty();
        RoslynObjects(new List<object> { symbol }, "x").ShouldNotBeEmpty();
        RoslynObjects(root.GetLocation(), "x").ShouldNotBeEmpty();
        RoslynObjects(compilation.GetSemanticModel(tree), "x").ShouldNotBeEmpty();
        RoslynObjects(root.GetFirstToken(), "x").ShouldNotBeEmpty();
        RoslynObjects(location, "x").ShouldBeEmpty();
        RoslynObjects(new ParseResult(null, location, default), "x").ShouldBeEmpty();
    }

    /// <summary>Every named step ran on the first run (Diagnostics only where a declaration is invalid) and holds no Roslyn object.</summary>
    private static void ShouldHaveRunEveryStep(GeneratorRun run)
    {
        foreach (string name in StepNames)
        {
            run.Result.TrackedSteps.ShouldContainKey(name);
            StepReasons(run, name).ShouldNotBeEmpty($"step {name} produced no output");
            StepReasons(run, name).ShouldAllBe(r => r == IncrementalStepRunReason.New, $"step {name}");
        }
        ShouldHaveNoRoslynObjects(run);
    }

    private static void ShouldReuseEveryStep(GeneratorRun run)
    {
        foreach (string name in StepNames)
        {
            run.Result.TrackedSteps.ShouldContainKey(name);
            IncrementalStepRunReason[] reasons = StepReasons(run, name);
            reasons.ShouldNotBeEmpty($"step {name} produced no output");
            reasons.ShouldAllBe(r => IsReused(r), $"step {name} was recomputed: {string.Join(", ", reasons)}");
        }
        ShouldHaveNoRoslynObjects(run);
    }

    /// <summary>The named steps produced equal values on both runs (NetEscapades' AssertRunsEqual).</summary>
    private static void ShouldHaveSameOutputs(GeneratorRun first, GeneratorRun second)
    {
        foreach (string name in StepNames)
        {
            object[] before = first.Result.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
            object[] after = second.Result.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
            after.Length.ShouldBe(before.Length, $"step {name}");
            for (int i = 0; i < before.Length; i++)
                ShouldBeEqualValues(before[i], after[i], $"{name}[{i}]");
        }
    }

    // ImmutableArray compares by reference; compare its items instead (Collect's output is one).
    private static void ShouldBeEqualValues(object before, object after, string path)
    {
        if (before is IEnumerable items && before is not string && before.GetType().IsGenericType
            && before.GetType().GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            items.Cast<object>().ShouldBe(((IEnumerable)after).Cast<object>(), path);
        else
            after.ShouldBe(before, path);
    }

    private static IncrementalStepRunReason[] StepReasons(GeneratorRun run, string name) =>
        run.Result.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray()
            : [];

    private static Dictionary<string, IncrementalStepRunReason> ModelReasons(GeneratorRun run) =>
        run.Result.TrackedSteps[TrackingNames.Models]
            .SelectMany(s => s.Outputs)
            .ToDictionary(o => ((ExperimentModel)o.Value).Name, o => o.Reason);

    private static bool IsReused(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string oldText, string newText)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        string text = tree.GetText(TestContext.Current.CancellationToken).ToString();
        text.ShouldContain(oldText);
        return compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(path, text.Replace(oldText, newText)));
    }

    private static void ShouldHaveNoRoslynObjects(GeneratorRun run)
    {
        foreach (string name in StepNames)
        {
            if (!run.Result.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps))
                continue;
            for (int s = 0; s < steps.Length; s++)
            {
                for (int o = 0; o < steps[s].Outputs.Length; o++)
                    RoslynObjects(steps[s].Outputs[o].Value, $"{name}[{s}].Outputs[{o}]").ShouldBeEmpty();
            }
        }
    }

    /// <summary>
    /// Paths inside <paramref name="value"/> that hold a compilation, symbol, syntax or location (after
    /// NetEscapades.EnumGenerators' TestHelpers). It walks tuples, collections and the generator's own
    /// model types; any other type it does not know is reported too, so a new kind of value gets a look.
    /// </summary>
    private static List<string> RoslynObjects(object? value, string path)
    {
        var found = new List<string>();
        Walk(value, path, found, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> visited)
    {
        if (value is null)
            return;
        Type type = value.GetType();
        if (value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location or SyntaxReference
            or AttributeData or IOperation or SyntaxToken or SyntaxTrivia or SyntaxNodeOrToken or TypedConstant)
        {
            found.Add($"{path}: {type.Name}");
            return;
        }
        if (type.IsPrimitive || type.IsEnum || value is string or TextSpan or LinePositionSpan or LinePosition or DiagnosticDescriptor)
            return;
        if (!type.IsValueType && !visited.Add(value))
            return;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
            && (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!)
            return;
        if (value is ITuple tuple)
        {
            for (int i = 0; i < tuple.Length; i++)
                Walk(tuple[i], $"{path}.Item{i + 1}", found, visited);
            return;
        }
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
                Walk(item, $"{path}[{i++}]", found, visited);
            return;
        }
        if (type.Assembly == typeof(ExperimentGenerator).Assembly)
        {
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0)
                    Walk(property.GetValue(value), $"{path}.{property.Name}", found, visited);
            }
            return;
        }
        found.Add($"{path}: {type.FullName} is not a type the walker knows; add it if it holds no Roslyn object");
    }
}
