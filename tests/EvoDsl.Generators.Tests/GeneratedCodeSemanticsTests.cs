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
}
