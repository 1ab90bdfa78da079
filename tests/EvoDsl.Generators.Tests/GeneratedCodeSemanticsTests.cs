using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>What the generated code binds to, where a snapshot would not show a mistake.</summary>
public sealed class GeneratedCodeSemanticsTests
{
    /// <summary>
    /// The hook may share a name with a member of the generated FitnessHook struct (Evaluate); the call
    /// must still reach the user's method, not recurse into the struct's own Evaluate.
    /// </summary>
    [Theory]
    [InlineData("Evaluate")]
    [InlineData("Margin")]
    public void FitnessHookCallBindsToTheDeclaredMethod(string hook)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System;
            using EvoDsl;

            namespace Lab;

            [Experiment("hooked")] [Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]
            public partial class Hooked
            {
                [Fitness]
                public static float {{hook}}(ReadOnlySpan<float> logits, int label) => logits[label];
            }
            """);
        run.GeneratorDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.GeneratorDiagnostics));
        run.OutputDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.OutputDiagnostics));

        SyntaxTree generated = run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Lab.Hooked.g.cs", StringComparison.Ordinal));
        StructDeclarationSyntax fitnessHook = generated.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<StructDeclarationSyntax>()
            .Single(s => s.Identifier.Text == "FitnessHook");
        MethodDeclarationSyntax evaluate = fitnessHook.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Single(m => m.Identifier.Text == "Evaluate");
        InvocationExpressionSyntax call = evaluate.DescendantNodes().OfType<InvocationExpressionSyntax>().ShouldHaveSingleItem();
        var target = (IMethodSymbol?)run.Output.GetSemanticModel(generated).GetSymbolInfo(call, TestContext.Current.CancellationToken).Symbol;

        target.ShouldNotBeNull();
        target.ContainingType.ToDisplayString().ShouldBe("Lab.Hooked");
        target.Name.ShouldBe(hook);
    }

    /// <summary>EmptySide reaches the runtime's settings when declared, and is left out (its default) otherwise.</summary>
    [Theory]
    [InlineData(", EmptySide = EmptySide.Zero", "FitnessHook: null, EmptySide: global::EvoDsl.EmptySide.Zero);")]
    [InlineData(", EmptySide = EmptySide.PopulationMean", "FitnessHook: null);")]
    [InlineData("", "FitnessHook: null);")]
    public void EmptySideIsWrittenOnlyWhenDeclaredOtherwise(string declared, string settingsEnd)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using EvoDsl;

            namespace Lab;

            [Experiment("guarded")] [Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2{{declared}})]
            public partial class Guarded;
            """);
        run.GeneratorDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.GeneratorDiagnostics));
        run.OutputDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.OutputDiagnostics));
        string generated = run.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Lab.Guarded.g.cs", StringComparison.Ordinal))
            .GetText(TestContext.Current.CancellationToken).ToString();
        generated.ShouldContain(settingsEnd);
        generated.Contains("EmptySide.PopulationMean", StringComparison.Ordinal).ShouldBeFalse();
    }
}
