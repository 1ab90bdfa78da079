using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Shouldly;
using Xunit;

namespace EvoDsl.Generators.Tests;

/// <summary>
/// Each diagnostic from a minimal declaration that triggers it, checked for its ID, the words that tell
/// the user what to change and the span it points at (marked [|like this|] in the source), next to a
/// near-identical declaration that is valid and compiles.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Sizes = "[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]";

    [Fact]
    public void EVO0001_ClassNotPartial()
    {
        ShouldReport("EVO0001", Declare(Sizes, "public class [|Tiny|];"), "'Tiny'", "add the 'partial' modifier");
        ShouldBeValid(Declare(Sizes, "public partial class Tiny;"));
    }

    [Theory]
    [InlineData("[Mnist] [[|HiddenLayer(0)|]] [Nne(Genes = 4, Population = 2)]",
        "[Mnist] [HiddenLayer(1)] [Nne(Genes = 4, Population = 2)]", "HiddenLayer units is 0")]
    [InlineData("[Mnist] [HiddenLayer(4)] [[|Nne(Genes = 0, Population = 2)|]]",
        "[Mnist] [HiddenLayer(4)] [Nne(Genes = 1, Population = 2)]", "Genes is 0")]
    [InlineData("[Mnist] [HiddenLayer(4)] [[|Nne(Genes = 4, Population = -1)|]]",
        "[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 1)]", "Population is -1")]
    [InlineData(Sizes + " [[|Run(Generations = 0)|]]", Sizes + " [Run(Generations = 1)]", "Generations is 0")]
    [InlineData(Sizes + " [[|Run(EvaluateEvery = 0)|]]", Sizes + " [Run(EvaluateEvery = 1)]", "EvaluateEvery is 0")]
    public void EVO0002_SizeNotPositive(string invalid, string valid, string what)
    {
        ShouldReport("EVO0002", Declare(invalid), what, "set ", "to 1 or more");
        ShouldBeValid(Declare(valid));
    }

    [Theory]
    [InlineData("[Mnist] [[|HiddenLayer(4, EdgeProbability = 0)|]] [Nne(Genes = 4, Population = 2)]",
        "[Mnist] [HiddenLayer(4, EdgeProbability = 1)] [Nne(Genes = 4, Population = 2)]", "EdgeProbability is 0")]
    [InlineData("[Mnist] [[|HiddenLayer(4, EdgeProbability = 1.5)|]] [Nne(Genes = 4, Population = 2)]",
        "[Mnist] [HiddenLayer(4, EdgeProbability = 0.5)] [Nne(Genes = 4, Population = 2)]", "EdgeProbability is 1.5")]
    [InlineData("[Mnist] [HiddenLayer(4)] [[|Nne(Genes = 4, Population = 2, GeneDensity = 0)|]]",
        "[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2, GeneDensity = 1)]", "GeneDensity is 0")]
    [InlineData("[Mnist] [HiddenLayer(4)] [[|Nne(Genes = 4, Population = 2, GeneDensity = double.NaN)|]]",
        "[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2, GeneDensity = double.Epsilon)]", "GeneDensity is NaN")]
    public void EVO0003_ProbabilityOutOfRange(string invalid, string valid, string what)
    {
        ShouldReport("EVO0003", Declare(invalid), what, "(0, 1]", "set it to a value in that range");
        ShouldBeValid(Declare(valid));
    }

    [Fact]
    public void EVO0004_NoDataSource()
    {
        ShouldReport("EVO0004", Declare("[HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]", "public partial class [|Tiny|];"),
            "'tiny'", "add [Mnist(");
        ShouldBeValid(Declare("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]"));
    }

    [Fact]
    public void EVO0005_NoLearningSystem()
    {
        ShouldReport("EVO0005", Declare("[Mnist] [HiddenLayer(4)]", "public partial class [|Tiny|];"),
            "'tiny'", "add one of [Nne], [Dopaminergic], [SignSgd], [Sgd], [Neurashed], [Wann] or [GeneticProgramming], or an attribute deriving from LearningSystemAttribute");
        ShouldBeValid(Declare("[Mnist] [HiddenLayer(4)] [Nne]"));
    }

    [Theory]
    [InlineData("public static double [|Margin|](ReadOnlySpan<float> logits, int label) => 0;")]
    [InlineData("public float [|Margin|](ReadOnlySpan<float> logits, int label) => 0;")]
    [InlineData("public static float [|Margin|](Span<float> logits, int label) => 0;")]
    [InlineData("public static float [|Margin|](ReadOnlySpan<double> logits, int label) => 0;")]
    [InlineData("public static float [|Margin|](ReadOnlySpan<float> logits, long label) => 0;")]
    [InlineData("public static float [|Margin|](ReadOnlySpan<float> logits, in int label) => 0;")]
    [InlineData("public static float [|Margin|](ReadOnlySpan<float> logits) => 0;")]
    [InlineData("public static float [|Margin|]<T>(ReadOnlySpan<float> logits, int label) => 0;")]
    public void EVO0006_FitnessHookSignature(string hook)
    {
        ShouldReport("EVO0006", Declare(Sizes, body: "[Fitness] " + hook),
            "'Margin'", "static float Margin(ReadOnlySpan<float> logits, int label)");
        ShouldBeValid(Declare(Sizes, body: "[Fitness] private static float Margin(ReadOnlySpan<float> logits, int label) => 0;"));
    }

    [Theory]
    [InlineData("0-x")]
    [InlineData("5-3")]
    [InlineData("0-256")]
    [InlineData("0-2-4")]
    [InlineData("0,")]
    [InlineData("")]
    [InlineData("+3")]
    public void EVO0007_DigitsNotAListOfClasses(string digits)
    {
        ShouldReport("EVO0007", Declare($"[[|Mnist(Digits = \"{digits}\")|]] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]"),
            $"Digits \"{digits}\"", "a range (\"0-4\")", "a list (\"0,1,7\")");
        ShouldBeValid(Declare("[Mnist(Digits = \"0-4\")] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]"));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("7-7")]
    [InlineData("5,5")]
    public void EVO0014_SingleClass(string digits)
    {
        ShouldReport("EVO0014", Declare($"[[|Mnist(Digits = \"{digits}\")|]] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]"),
            $"Digits \"{digits}\"", "single class", "at least two classes");
        ShouldBeValid(Declare("[Mnist(Digits = \"3,5\")] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]"));
    }

    [Fact]
    public void EVO0008_TwoFitnessHooks()
    {
        const string first = "[Fitness] private static float First(ReadOnlySpan<float> logits, int label) => 0;";
        ShouldReport("EVO0008", Declare(Sizes, body: first + " [Fitness] private static float [|Second|](ReadOnlySpan<float> logits, int label) => 1;"),
            "'Tiny'", "'First'", "'Second'", "keep one of them");
        ShouldBeValid(Declare(Sizes, body: first + " private static float Second(ReadOnlySpan<float> logits, int label) => 1;"));
    }

    [Theory]
    [InlineData("Tiny")]
    [InlineData("1tiny")]
    [InlineData("tiny-")]
    [InlineData("tiny--x")]
    [InlineData("tiny_x")]
    [InlineData("-tiny")]
    [InlineData("")]
    public void EVO0009_InvalidExperimentName(string name)
    {
        ShouldReport("EVO0009", Declare(Sizes, experiment: $"[|Experiment(\"{name}\")|]"),
            $"\"{name}\"", "lowercase letters, digits and dashes", "starting with a letter");
        ShouldBeValid(Declare(Sizes, experiment: "Experiment(\"tiny-2x\")"));
    }

    /// <summary>Reported from the catalog step, at the second declaration; both still generate.</summary>
    [Fact]
    public void EVO0010_DuplicateExperimentName()
    {
        string Pair(string secondName) => $$"""
            using EvoDsl;

            namespace Lab;

            [Experiment("tiny")] {{Sizes}}
            public partial class First;

            [Experiment("{{secondName}}")] {{Sizes}}
            public partial class [|Second|];
            """;

        GeneratorRun run = ShouldReport("EVO0010", Pair("tiny"), "\"tiny\"", "'Lab.First'", "'Lab.Second'", "give each experiment its own name");
        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "Lab.First.g.cs", "Lab.Second.g.cs"]);
        (run.Result.TrackedSteps.TryGetValue(TrackingNames.Diagnostics, out var steps) ? steps.SelectMany(s => s.Outputs) : [])
            .ShouldBeEmpty("no declaration has a diagnostic of its own");
        ShouldBeValid(Pair("tiny-2").Replace("[|", "").Replace("|]", ""), "Lab.First.g.cs", "Lab.Second.g.cs");
    }

    [Theory]
    [InlineData("public partial class [|Tiny|]<T>;", "remove its type parameters")]
    [InlineData("public static partial class [|Tiny|];", "remove the 'static' modifier")]
    [InlineData("public abstract partial class [|Tiny|];", "remove the 'abstract' modifier")]
    public void EVO0011_UnsupportedClassShape(string declaration, string change)
    {
        ShouldReport("EVO0011", Declare(Sizes, declaration), "'Tiny'", "top-level, non-generic, non-static, non-abstract", change);
        ShouldBeValid(Declare(Sizes, "public partial class Tiny;"));
    }

    [Fact]
    public void EVO0011_NestedClass()
    {
        ShouldReport("EVO0011", $$"""
            using EvoDsl;

            namespace Lab;

            public partial class Outer
            {
                [Experiment("tiny")] {{Sizes}}
                public partial class [|Tiny|];
            }
            """, "'Tiny'", "top-level", "move it out of 'Outer'");
        ShouldBeValid(Declare(Sizes, "public partial class Tiny;"));
    }

    [Fact]
    public void EVO0012_NoHiddenLayer()
    {
        ShouldReport("EVO0012", Declare("[Mnist] [Nne(Genes = 4, Population = 2)]", "public partial class [|Tiny|];"),
            "'tiny'", "add [HiddenLayer(");
        ShouldBeValid(Declare("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]"));
    }

    [Theory]
    [InlineData("Selection = 0", "Selection = 0.5", "Selection is 0", "selection strength")]
    [InlineData("Selection = -20", "Selection = 20", "Selection is -20", "selection strength")]
    [InlineData("Selection = double.PositiveInfinity", "Selection = double.MaxValue", "Selection is ", "selection strength")]
    [InlineData("WeightGain = 0", "WeightGain = 0.01", "WeightGain is 0", "fan-in weight scale")]
    [InlineData("WeightGain = double.NaN", "WeightGain = 3", "WeightGain is NaN", "fan-in weight scale")]
    public void EVO0013_ValueNotPositive(string invalid, string valid, string what, string why)
    {
        ShouldReport("EVO0013", Declare($"[Mnist] [HiddenLayer(4)] [[|Nne(Genes = 4, Population = 2, {invalid})|]]"),
            what, "must be a positive, finite number", why);
        ShouldBeValid(Declare($"[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2, {valid})]"));
    }

    private const string Dnn = "[Mnist(TrainPerClass = MnistAttribute.All)] [RandomLayer(8)]";

    [Theory]
    [InlineData("[Mnist] [HiddenLayer(4)] [Nne] [[|Dopaminergic|]]", "[Mnist] [HiddenLayer(4)] [Nne]", "[Nne] and [Dopaminergic]")]
    [InlineData(Dnn + " [Dopaminergic] [[|Sgd|]]", Dnn + " [Dopaminergic]", "[Dopaminergic] and [Sgd]")]
    [InlineData(Dnn + " [SignSgd] [[|Sgd|]]", Dnn + " [Sgd]", "[SignSgd] and [Sgd]")]
    public void EVO0015_TwoLearningSystems(string invalid, string valid, string which)
    {
        ShouldReport("EVO0015", Declare(invalid), which, "keep one learning system");
        ShouldBeValid(Declare(valid));
    }

    [Theory]
    [InlineData("[Mnist] [[|HiddenLayer(4)|]] [Dopaminergic]", Dnn + " [Dopaminergic]", "replace it by [RandomLayer(1000)]")]
    [InlineData("[Mnist] [[|HiddenLayer(4)|]] [SignSgd]", Dnn + " [SignSgd]", "replace it by [RandomLayer(1000)]")]
    [InlineData("[Mnist] [HiddenLayer(4)] [[|RandomLayer(4)|]] [Sgd]", "[Mnist] [HiddenLayer(4)] [Sgd]", "both [HiddenLayer] and [RandomLayer]")]
    [InlineData("[Mnist] [[|RandomLayer(4)|]] [Nne]", "[Mnist] [HiddenLayer(4)] [Nne]", "replace it by [HiddenLayer(1000")]
    [InlineData("[Mnist] [[|HiddenLayer(4)|]] [Wann]", "[Mnist] [Wann]", "WANN evolves its own topology; remove [HiddenLayer]")]
    [InlineData("[Mnist] [[|RandomLayer(4)|]] [GeneticProgramming]", "[Mnist] [GeneticProgramming]", "evolves programs over the pixels, not a layer; remove [RandomLayer]")]
    public void EVO0016_LayerDoesNotFit(string invalid, string valid, string fix)
    {
        ShouldReport("EVO0016", Declare(invalid), "'tiny'", fix);
        ShouldBeValid(Declare(valid));
    }

    [Theory]
    [InlineData("[[|Wann(Population = 1)|]]", "Population - 1 (a population of at least 2) is 0")]
    [InlineData("[[|Wann(BatchSize = 0)|]]", "BatchSize is 0")]
    [InlineData("[[|Wann(TournamentSize = 0)|]]", "TournamentSize is 0")]
    [InlineData("[[|Wann(InitialConnections = 0)|]]", "InitialConnections is 0")]
    [InlineData("[[|Wann(AddNode = 1.5)|]]", "AddNode is 1.5")]
    [InlineData("[[|Wann(CullRatio = 1)|]]", "CullRatio is 1")]
    [InlineData("[[|Wann(AddConnection = 0, AddNode = 0, EnableConnection = 0, ChangeActivation = 0)|]]", "AddConnection + AddNode + EnableConnection + ChangeActivation is 0")]
    public void BadWannSettingsSayWhatToChange(string invalid, string what)
    {
        string source = Declare("[Mnist] " + invalid);
        GeneratorRun run = GeneratorHarness.Run(source.Replace("[|", "").Replace("|]", ""));
        Diagnostic diagnostic = run.GeneratorDiagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldStartWith("EVO");
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(what);
        ShouldBeValid(Declare("[Mnist(Images = MnistImages.Deskewed16)] [Wann(Population = 8, BatchSize = 10)]"));
    }

    [Theory]
    [InlineData("[[|GeneticProgramming(Population = 1)|]]", "EVO0002", "Population - 1 (a population of at least 2) is 0")]
    [InlineData("[[|GeneticProgramming(BatchSize = 0)|]]", "EVO0002", "BatchSize is 0")]
    [InlineData("[[|GeneticProgramming(TournamentSize = 0)|]]", "EVO0002", "TournamentSize is 0")]
    [InlineData("[[|GeneticProgramming(MaxSize = 0)|]]", "EVO0002", "MaxSize is 0")]
    [InlineData("[[|GeneticProgramming(Crossover = 1.5)|]]", "EVO0003", "Crossover is 1.5")]
    [InlineData("[[|GeneticProgramming(Mutation = -0.1)|]]", "EVO0003", "Mutation is -0.1")]
    [InlineData("[[|GeneticProgramming(EliteRatio = 1)|]]", "EVO0003", "EliteRatio is 1")]
    [InlineData("[[|GeneticProgramming(Crossover = 0.9, Mutation = 0.2)|]]", "EVO0034", "Crossover 0.9 + Mutation 0.2 is more than 1")]
    [InlineData("[[|GeneticProgramming(InitialDepth = 6, MaxDepth = 5)|]]", "EVO0034", "MaxDepth 5 is below InitialDepth 6; the starting trees would already break the limit, so set MaxDepth to 6 or more")]
    [InlineData("[[|GeneticProgramming(MaxSize = 5000)|]]", "EVO0034", "MaxSize 5000 is more than 4096 nodes a tree")]
    public void BadGeneticProgrammingSettingsSayWhatToChange(string invalid, string id, string what)
    {
        ShouldReport(id, Declare("[Mnist] " + invalid), what);
        ShouldBeValid(Declare("[Mnist(Images = MnistImages.Deskewed16)] [GeneticProgramming(Population = 8, BatchSize = 10, Crossover = 0, Mutation = 1)]"));
    }

    [Fact]
    public void EVO0016_OutputLayerRuleWithoutLayer()
    {
        ShouldReport("EVO0016", Declare("[Mnist] [Dopaminergic]", "public partial class [|Tiny|];"), "add [RandomLayer(1000)]");
        ShouldBeValid(Declare("[Mnist] [RandomLayer(4)] [Dopaminergic]"));
    }

    [Theory]
    [InlineData("KCap = 9", "KCap = 8", "KCap is 9")]
    [InlineData("KCap = -1", "KCap = 0", "KCap is -1")]
    public void EVO0017_KCapOutOfRange(string invalid, string valid, string what)
    {
        ShouldReport("EVO0017", Declare($"[Mnist] [[|RandomLayer(8, {invalid})|]] [Dopaminergic]"), what, "the layer's 8 units");
        ShouldBeValid(Declare($"[Mnist] [RandomLayer(8, {valid})] [Dopaminergic]"));
    }

    /// <summary>The NNE run the NNE + SignSGD declarations start from, appended after Declare's class.</summary>
    private const string NneSignSgdSource = """


        [Experiment("source")] [Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]
        public partial class Source;
        """;

    [Theory]
    [InlineData("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)] [[|SignSgd|]]", "set AllelesFrom")]
    [InlineData("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)] [[|SignSgd(AllelesFrom = \"tiny\")|]]", "must name another experiment")]
    [InlineData(Dnn + " [[|SignSgd(AllelesFrom = \"source\")|]]", "applies to NNE + SignSGD only")]
    public void EVO0018_AllelesFromDoesNotFit(string invalid, string fix)
    {
        ShouldReport("EVO0018", Declare(invalid) + NneSignSgdSource, "'tiny'", fix);
        ShouldBeValid(Declare("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)] [SignSgd(AllelesFrom = \"source\")]") + NneSignSgdSource,
            "Lab.Source.g.cs", "Lab.Tiny.g.cs");
    }

    [Fact]
    public void EVO0019_AllelesFromNamesNoExperiment()
    {
        GeneratorRun run = ShouldReport("EVO0019",
            Declare("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)] [SignSgd(AllelesFrom = \"sauce\")]",
                "public partial class [|Tiny|];") + NneSignSgdSource,
            "\"sauce\"", "'tiny'", "names no declared experiment");
        run.Sources.Keys.ShouldContain("Lab.Tiny.g.cs");
    }

    [Theory]
    [InlineData(Dnn + " [Dopaminergic] [[|Run(Generations = 10)|]]", Dnn + " [Dopaminergic] [Run(Epochs = 10)]", "Generations", "epochs", "set Epochs")]
    [InlineData(Sizes + " [[|Run(Epochs = 10)|]]", Sizes + " [Run(Generations = 10)]", "Epochs", "generations", "set Generations")]
    public void EVO0020_RunLengthInTheWrongUnit(string invalid, string valid, string property, string unit, string fix)
    {
        ShouldReport("EVO0020", Declare(invalid), $"[Run({property})]", unit, fix);
        ShouldBeValid(Declare(valid));
    }

    [Theory]
    [InlineData("[[|Mnist(TrainPerClass = 0)|]] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]",
        "[Mnist(TrainPerClass = 1)] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]", "TrainPerClass is 0", "set TrainPerClass = 200")]
    [InlineData("[[|Mnist(TrainPerClass = MnistAttribute.All)|]] [HiddenLayer(4)] [Sgd]",
        "[Mnist(TrainPerClass = 200)] [HiddenLayer(4)] [Sgd]", "TrainPerClass is 0", "positive count for the NNE network")]
    [InlineData("[[|Mnist(TrainPerClass = -5)|]] [RandomLayer(4)] [Sgd]",
        "[Mnist(TrainPerClass = MnistAttribute.All)] [RandomLayer(4)] [Sgd]", "TrainPerClass is -5", "MnistAttribute.All")]
    public void EVO0021_TrainPerClassNotACount(string invalid, string valid, string what, string fix)
    {
        ShouldReport("EVO0021", Declare(invalid), what, fix);
        ShouldBeValid(Declare(valid));
    }

    /// <summary>A two-class neurashed: features a..d, one middle node per class, class nodes on level 3.</summary>
    private static string Graph(string middle = "[Node(\"m1\", 2, \"a,b\")] [Node(\"m2\", 2, \"c,d\")]",
        string classes = "[Node(\"c1\", 3, \"m1\")] [Node(\"c2\", 3, \"m2\")]",
        string patterns = "[Pattern(\"a,b\", \"c1\")] [Pattern(\"c,d\", \"c2\")]",
        string extra = "") =>
        $"[Neurashed] [FeatureNodes(\"a,b,c,d\")] {middle} {classes} {patterns} {extra}";

    [Theory]
    [InlineData("[[|Node(\"m1\", 2, \"a,x\")|]] [Node(\"m2\", 2, \"c,d\")]", "", "Node 'm1'", "'x'")]
    [InlineData("", "[[|Pattern(\"a,q\", \"c1\")|]] [Pattern(\"c,d\", \"c2\")]", "[Pattern] as a feature", "'q'")]
    [InlineData("", "[[|Pattern(\"a,b\", \"c9\")|]] [Pattern(\"c,d\", \"c2\")]", "[Pattern] as its class", "'c9'")]
    public void EVO0022_UnknownNode(string middle, string patterns, string where, string name)
    {
        ShouldReport("EVO0022", Declare(Graph(middle: middle.Length > 0 ? middle : "[Node(\"m1\", 2, \"a,b\")] [Node(\"m2\", 2, \"c,d\")]",
            patterns: patterns.Length > 0 ? patterns : "[Pattern(\"a,b\", \"c1\")] [Pattern(\"c,d\", \"c2\")]")), where, name, "declare it with");
        ShouldBeValid(Declare(Graph()));
    }

    [Fact]
    public void EVO0023_EdgeSkipsALevel()
    {
        ShouldReport("EVO0023", Declare(Graph(classes: "[Node(\"c1\", 3, \"m1\")] [[|Node(\"c2\", 3, \"m2,d\")|]]")),
            "'c2' on level 3 depends on 'd' on level 1", "directly below it (2)");
        ShouldBeValid(Declare(Graph(classes: "[Node(\"c1\", 3, \"m1\")] [Node(\"c2\", 3, \"m2,m1\")]")));
    }

    [Fact]
    public void EVO0024_AtLeastExceedsArity()
    {
        ShouldReport("EVO0024", Declare(Graph(middle: "[[|Node(\"m1\", 2, \"a,b\", AtLeast = 3)|]] [Node(\"m2\", 2, \"c,d\")]")),
            "'m1' fires when at least 3 of its 2 dependents", "between 1 and 2");
        ShouldBeValid(Declare(Graph(middle: "[Node(\"m1\", 2, \"a,b\", AtLeast = 2)] [Node(\"m2\", 2, \"c,d\")]")));
    }

    [Fact]
    public void EVO0025_EmptyLevel()
    {
        ShouldReport("EVO0025", Declare(Graph(
            classes: "[Node(\"c1\", 4, \"m1\")] [Node(\"c2\", 4, \"m2\")]").Replace("[Neurashed]", "[[|Neurashed|]]")),
            "Level 3 has no node", "up to level 4");
        ShouldBeValid(Declare(Graph()));
    }

    [Fact]
    public void EVO0026_ClassCannotFire()
    {
        ShouldReport("EVO0026", Declare(Graph(
            middle: "[Node(\"m1\", 2, \"a,b\")] [Node(\"m2\", 2, \"\")]",
            classes: "[Node(\"c1\", 3, \"m1\")] [[|Node(\"c2\", 3, \"m2\")|]]")),
            "'c2' has no pathway down to level 1");
        ShouldBeValid(Declare(Graph()));
    }

    [Fact]
    public void EVO0027_NodeDeclaredTwice()
    {
        ShouldReport("EVO0027", Declare(Graph(middle: "[Node(\"m1\", 2, \"a,b\")] [[|Node(\"m1\", 2, \"c,d\")|]]")),
            "Node 'm1' is declared twice");
        ShouldBeValid(Declare(Graph()));
    }

    [Theory]
    [InlineData("[[|Neurashed|]] [FeatureNodes(\"a,b\")] [Node(\"c1\", 2, \"a\")] [Node(\"c2\", 2, \"b\")]", "declares no input")]
    [InlineData("[[|Neurashed|]]", "declares no graph")]
    [InlineData("[[|Mnist|]] [Neurashed] [FeatureNodes(\"a,b\")] [Node(\"c1\", 2, \"a\")] [Node(\"c2\", 2, \"b\")] [Pattern(\"a\", \"c1\")]", "remove [Mnist]")]
    [InlineData("[Neurashed] [FeatureNodes(\"a,b\")] [Node(\"c1\", 2, \"a\")] [Node(\"c2\", 2, \"b\")] [Pattern(\"a\", \"c1\")] [[|RandomNeurashed|]]", "keep one of the two")]
    public void EVO0028_NeurashedDeclarationIncomplete(string invalid, string fix)
    {
        ShouldReport("EVO0028", Declare(invalid), "'tiny'", fix);
        ShouldBeValid(Declare("[Neurashed] [FeatureNodes(\"a,b\")] [Node(\"c1\", 2, \"a\")] [Node(\"c2\", 2, \"b\")] [Pattern(\"a\", \"c1\")]"));
    }

    [Fact]
    public void EVO0028_RandomGraphTooNarrowNamesTheExperiment()
    {
        ShouldReport("EVO0028", Declare("[Neurashed] [[|RandomNeurashed(NodesPerLevel = 10, SharedNodes = 8, NodesPerClass = 4)|]]"),
            "Neurashed experiment 'tiny'", "SharedNodes + NodesPerClass = 12", "raise NodesPerLevel");
        ShouldBeValid(Declare("[Neurashed] [RandomNeurashed(NodesPerLevel = 12, SharedNodes = 8, NodesPerClass = 4)]"));
    }

    [Fact]
    public void AHalfTypedNodeDoesNotBreakTheGenerator()
    {
        // While the user types, [Node("m1", 2)] binds without its third argument; the generator must not throw.
        GeneratorRun run = GeneratorHarness.Run(Declare(Graph(middle: "[Node(\"m1\", 2)] [Node(\"m2\", 2, \"c,d\")]")));
        run.OutputDiagnostics.ShouldContain(d => d.Id == "CS7036");
        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs"]);
    }

    [Theory]
    [InlineData("Grow = 1", "Grow = 1.01", "set Grow > 1")]
    [InlineData("Update = AmplificationUpdate.Additive, Grow = 0", "Update = AmplificationUpdate.Additive, Grow = 0.5", "set Grow > 0")]
    [InlineData("Shrink = 1.5", "Shrink = 0.5", "set 0 < Shrink ≤ 1")]
    [InlineData("InitialLow = 0.5, InitialHigh = 0.1", "InitialLow = 0.1, InitialHigh = 0.1", "0 ≤ InitialLow ≤ InitialHigh")]
    public void EVO0029_AmplificationRuleDoesNotGrowOrShrink(string invalid, string valid, string fix)
    {
        ShouldReport("EVO0029", Declare(Graph().Replace("[Neurashed]", $"[[|Neurashed({invalid})|]]")), fix);
        ShouldBeValid(Declare(Graph().Replace("[Neurashed]", $"[Neurashed({valid})]")));
    }

    [Fact]
    public void EVO0029_NodeRule()
    {
        ShouldReport("EVO0029", Declare(Graph(extra: "[[|NodeRule(\"a\", Grow = 0.5)|]]")), "Grow is 0.5", "set Grow > 1");
        ShouldBeValid(Declare(Graph(extra: "[NodeRule(\"a\", Grow = 1.5)]")));
    }

    [Theory]
    [InlineData("public static float [|Amplify|](double value, bool onPathway, int node) => 0;")]
    [InlineData("public double [|Amplify|](double value, bool onPathway, int node) => 0;")]
    [InlineData("public static double [|Amplify|](double value, int node) => 0;")]
    public void EVO0030_AmplificationHookSignature(string hook)
    {
        ShouldReport("EVO0030", Declare(Graph(), body: "[Amplification] " + hook), "'Amplify'", "static double Amplify(double value, bool onPathway, int node)");
        ShouldBeValid(Declare(Graph(), body: "[Amplification] public static double Amplify(double value, bool onPathway, int node) => onPathway ? value + 1 : value;"));
    }

    [Theory]
    [InlineData("[[|Dopaminergic(PostSynaptic = (PostSynapticFiring)7)|]]", "[Dopaminergic(PostSynaptic = PostSynapticFiring.Winner)]", "PostSynaptic is (PostSynapticFiring)7")]
    [InlineData("[[|Sgd(Optimizer = (Optimizer)2)|]]", "[Sgd(Optimizer = Optimizer.Plain)]", "Optimizer is (Optimizer)2")]
    public void EVO0031_UndefinedEnumValue(string invalid, string valid, string what)
    {
        ShouldReport("EVO0031", Declare($"{Dnn} {invalid}"), what, "names no member", "use one of");
        ShouldBeValid(Declare($"{Dnn} {valid}"));
    }

    [Fact]
    public void EVO0031_UndefinedEmptySide()
    {
        ShouldReport("EVO0031", Declare("[Mnist] [HiddenLayer(4)] [[|Nne(Genes = 4, Population = 2, EmptySide = (EmptySide)7)|]]"),
            "EmptySide is (EmptySide)7", "names no member", "PopulationMean");
        ShouldBeValid(Declare("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2, EmptySide = EmptySide.Zero)]"));
    }

    [Theory]
    [InlineData(Sizes, "private struct [|Sizes|] { }", "private struct Dimensions { }", "'Sizes'")]
    [InlineData(Sizes, "public static string [|Descriptor|] => \"\";", "public static string Label => \"\";", "'Descriptor'")]
    [InlineData(Dnn + " [Dopaminergic]", "public static int [|Data|] => 0;", "public static int Rate => 0;", "'Data'")]
    [InlineData("[Neurashed] [FeatureNodes(\"a,b\")] [Node(\"c1\", 2, \"a\")] [Node(\"c2\", 2, \"b\")] [Pattern(\"a\", \"c1\")]",
        "private struct [|Rates|] { }", "private struct Speeds { }", "'Rates'")]
    public void EVO0032_MemberNameTakenByTheGeneratedCode(string attributes, string invalid, string valid, string name)
    {
        ShouldReport("EVO0032", Declare(attributes, body: invalid), name, "rename");
        ShouldBeValid(Declare(attributes, body: valid));
    }

    [Fact]
    public void InvalidDeclarationIsLeftOutWhileTheOthersGenerate()
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using EvoDsl;

            namespace Lab;

            [Experiment("broken")] [Mnist(Digits = "9-0")] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)]
            public partial class Broken;

            [Experiment("fine")] {{Sizes}}
            public partial class Fine;
            """);

        run.GeneratorDiagnostics.ShouldHaveSingleItem().Id.ShouldBe("EVO0007");
        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", "Lab.Fine.g.cs"]);
        run.Sources["EvoDsl.ExperimentCatalog.g.cs"].ShouldContain("global::Lab.Fine.Descriptor");
        run.Sources["EvoDsl.ExperimentCatalog.g.cs"].ShouldNotContain("Broken");
    }

    /// <summary>One experiment class in Experiments.cs; <paramref name="attributes"/> follow [Experiment("tiny")].</summary>
    /// <summary>A learning system of the user's own: its attribute, and a trainer class of the given head (the ITrainer members filled in).</summary>
    private static string SystemOfOwn(string attributeHead, string trainerHead, string constructor = "public Search(SearchAttribute settings, EvoDsl.Training.RunContext context) { }",
        string trainerName = "Search") => $$"""

        {{attributeHead}}
        public sealed class SearchAttribute : LearningSystemAttribute { public int Rate { get; set; } }

        {{trainerHead}}
        {
            {{constructor.Replace("Search(", trainerName + "(")}}
            public int Completed => 0;
            public long UnitsPerStep => 1;
            public double LastStepScore => 0;
            public void Step() { }
            public System.Collections.Generic.IReadOnlyList<EvoDsl.Training.Metric> Evaluate() => [];
            public void WriteArtifacts(string directory) { }
            public void WriteState(System.IO.BinaryWriter writer) { }
            public void ReadState(System.IO.BinaryReader reader) { }
            public void Dispose() { }
        }
        """;

    private const string Trainer = "public sealed class Search : EvoDsl.Training.ITrainer";
    private const string SizedTrainer = "public sealed class Search<TSizes> : EvoDsl.Training.ITrainer where TSizes : EvoDsl.Training.IDataSizes";

    [Theory]
    [InlineData("", Trainer, "[Mnist]", "names no trainer", "put [Trainer(typeof(YourTrainer))] on it")]
    [InlineData("[Trainer(typeof(Search))]", "public sealed class Search : IDisposable", "[Mnist]", "does not implement EvoDsl.Training.ITrainer")]
    [InlineData("[Trainer(typeof(Search))]", "public abstract class Search : EvoDsl.Training.ITrainer", "[Mnist]", "must be a class that is not abstract")]
    [InlineData("[Trainer(typeof(Search<>))]", "public sealed class Search<T> : EvoDsl.Training.ITrainer", "[Mnist]", "constrained to EvoDsl.Training.IDataSizes")]
    [InlineData("[Trainer(typeof(Search<>))]", SizedTrainer, "", "declares no [Mnist]")]
    [InlineData("[Trainer(typeof(Search))]", Trainer, "[Mnist] [HiddenLayer(4)]", "[HiddenLayer] belongs to the built-in systems")]
    public void EVO0033_LearningSystemOfOwnCannotRun(string attributeHead, string trainerHead, string others, string what, string? change = null)
    {
        string trainer = SystemOfOwn(attributeHead, trainerHead, constructor: trainerHead.Contains("abstract") ? "protected Search(SearchAttribute settings, EvoDsl.Training.RunContext context) { }" : "public Search(SearchAttribute settings, EvoDsl.Training.RunContext context) { }");
        ShouldReport("EVO0033", Declare($"{others} [[|Search(Rate = 1)|]]", "public partial class Tiny;" + trainer), "[Search]", "'tiny'", what, change ?? what);
        ShouldBeValid(Declare("[Mnist] [Search(Rate = 1)]", "public partial class Tiny;" + SystemOfOwn("[Trainer(typeof(Search<>))]", SizedTrainer)));
    }

    [Fact]
    public void EVO0033_TrainerWithoutTheConstructor()
    {
        string trainer = SystemOfOwn("[Trainer(typeof(Search))]", Trainer, constructor: "public Search(EvoDsl.Training.RunContext context) { }");
        ShouldReport("EVO0033", Declare("[Mnist] [[|Search|]]", "public partial class Tiny;" + trainer),
            "has no public constructor (SearchAttribute settings, RunContext context)", "add one");
        ShouldBeValid(Declare("[Search]", "public partial class Tiny;" + SystemOfOwn("[Trainer(typeof(Search))]", Trainer)));
    }

    [Fact]
    public void EVO0015_ASystemOfOwnBesideABuiltIn()
    {
        string trainer = SystemOfOwn("[Trainer(typeof(Search))]", Trainer);
        ShouldReport("EVO0015", Declare("[Mnist] [HiddenLayer(4)] [Nne(Genes = 4, Population = 2)] [[|Search|]]", "public partial class Tiny;" + trainer),
            "[Nne]", "[Search]", "keep one learning system");
    }

    private static string Declare(string attributes, string declaration = "public partial class Tiny;", string body = "",
        string experiment = "Experiment(\"tiny\")")
    {
        string type = body.Length == 0 ? declaration : $"{declaration.TrimEnd(';')}\n{{\n    {body}\n}}";
        return $"""
            using System;
            using EvoDsl;

            namespace Lab;

            [{experiment}] {attributes}
            {type}
            """;
    }

    /// <summary>
    /// Requires exactly one generator diagnostic, <paramref name="id"/>, at the span marked [|...|], whose
    /// message has every keyword; and, except for duplicate names, no experiment source, only the catalog.
    /// </summary>
    private static GeneratorRun ShouldReport(string id, string markup, params string[] keywords)
    {
        int start = markup.IndexOf("[|", StringComparison.Ordinal);
        int end = markup.IndexOf("|]", StringComparison.Ordinal) - "[|".Length;
        start.ShouldBeGreaterThanOrEqualTo(0, "the test source must mark the expected span with [|...|]");
        string source = markup.Remove(end + "[|".Length, "|]".Length).Remove(start, "[|".Length);
        var span = TextSpan.FromBounds(start, end);

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = run.GeneratorDiagnostics.ShouldHaveSingleItem(GeneratorHarness.Describe(run.GeneratorDiagnostics));
        diagnostic.Id.ShouldBe(id);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        foreach (string keyword in keywords)
            message.ShouldContain(keyword, Case.Sensitive);
        diagnostic.Location.SourceSpan.ShouldBe(span, $"expected '{source.Substring(span.Start, span.Length)}'");
        FileLinePositionSpan lines = diagnostic.Location.GetLineSpan();
        lines.Path.ShouldBe("Experiments.cs");
        lines.Span.ShouldBe(SourceText.From(source).Lines.GetLinePositionSpan(span));
        if (id is not ("EVO0010" or "EVO0019")) // both are found by the catalog step, after the experiment generated
            run.Sources.Keys.Where(k => k != "Lab.Source.g.cs") // NNE + SignSGD tests declare a valid NNE run to start from
                .ShouldBe(["EvoDsl.ExperimentCatalog.g.cs"], "an invalid declaration generates nothing but the catalog");
        return run;
    }

    /// <summary>Requires no generator diagnostic, the experiment source(s) and the catalog, and output that compiles cleanly.</summary>
    private static void ShouldBeValid(string source, params string[] hintNames)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        run.GeneratorDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.GeneratorDiagnostics));
        run.Sources.Keys.ShouldBe(["EvoDsl.ExperimentCatalog.g.cs", .. hintNames.Length == 0 ? ["Lab.Tiny.g.cs"] : hintNames]);
        run.OutputDiagnostics.ShouldBeEmpty(GeneratorHarness.Describe(run.OutputDiagnostics));
    }
}
