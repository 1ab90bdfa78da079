using System.Collections.Immutable;
using EvoDsl.Generators.Model;
using EvoDsl.Generators.Systems;
using Shouldly;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>
/// The emitter from hand-built models, without the parser: a change to the model or the emitter shows
/// here as a readable diff of the code it writes.
/// </summary>
public sealed class EmitterSnapshotTests
{
    private static readonly ExperimentModel Quick = new(
        Namespace: "EvoDsl.Experiments",
        ClassName: "NneMnist0To4Quick",
        Name: "nne-mnist-0to4-quick",
        Description: "Quick NNE preset on MNIST 0-4 (H = 300, N = 200, n = 1000, 100/digit)",
        Data: new DataModel(Digits: "0-4", Classes: 5, TrainPerClass: 100),
        System: new NneModel(Hidden: 300, EdgeProbability: 0.1, Genes: 1000, Population: 200,
            GeneDensity: 0.0025, Selection: 20, WeightGain: 1, FitnessHook: null, EmptySide: "PopulationMean"),
        Run: new RunModel(Steps: 400, EvaluateEvery: 50, Seed: 1));

    [Fact]
    public void QuickPreset()
    {
        ExperimentGenerator.Emitter.HintName(Quick).ShouldBe("EvoDsl.Experiments.NneMnist0To4Quick.g.cs");
        Snapshot.ShouldMatchApproved(ExperimentGenerator.Emitter.EmitExperiment(Quick), "EvoDsl.Experiments.NneMnist0To4Quick.g.cs");
    }

    /// <summary>Text that needs escaping in a literal, a fitness hook, and doubles that print in exponent form.</summary>
    [Fact]
    public void HookEscapesAndExponents()
    {
        ExperimentModel model = Quick with
        {
            Namespace = "",
            ClassName = "Escapes",
            Name = "escapes",
            Description = "Says \"hi\"\\ on two\nlines",
            Data = new DataModel("0,1,7", 3, 1),
            System = ((NneModel)Quick.System) with { GeneDensity = 1e-5, Selection = 1e21, WeightGain = 0.30000000000000004, FitnessHook = "Hinge" },
            Run = new RunModel(1, 1, int.MinValue),
        };

        ExperimentGenerator.Emitter.HintName(model).ShouldBe("Escapes.g.cs");
        Snapshot.ShouldMatchApproved(ExperimentGenerator.Emitter.EmitExperiment(model), "Escapes.g.cs");
    }

    [Fact]
    public void CatalogOrdersByNameThenClass()
    {
        ImmutableArray<CatalogEntry> entries =
        [
            new("b", "global::Z.B", "Z.B", null, null),
            new("a", "global::Z.A2", "Z.A2", null, null),
            new("a", "global::Y.A1", "Y.A1", null, null),
        ];

        Snapshot.ShouldMatchApproved(ExperimentGenerator.Emitter.EmitCatalog(entries), ExperimentGenerator.Emitter.CatalogHintName);
    }
}
