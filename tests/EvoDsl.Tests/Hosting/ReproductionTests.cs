using System.Diagnostics;
using System.Globalization;
using EvoDsl.Experiments;
using EvoDsl.Generated;
using EvoDsl.Gp;
using EvoDsl.Hosting;
using EvoDsl.Neurashed.Phenomena;
using EvoDsl.Nne;
using EvoDsl.Tests.Data;
using EvoDsl.Wann;
using Xunit;

namespace EvoDsl.Tests.Hosting;

/// <summary>The reproduce command: its pages, and its errors.</summary>
public sealed class ReproductionTests
{
    private static (int ExitCode, string Output) Run(params string[] args) => Host.Run(args);

    [Fact]
    public void Figure5WritesItsPageWithThePapersClaimsOursAndThePlot()
    {
        using var pages = new TempDirectory();
        (int code, string output) = Run("reproduce", "fig5", "--pages", pages.Path, "--results", pages.File("results"));

        Assert.True(code == 0, output);
        string page = File.ReadAllText(pages.File("fig5.md"));
        Assert.Contains("reproduce fig5 --budget quick", page);
        Assert.Contains("| I(level 2; input) peak | rises toward log₂ 4 = 2 bits |", page);
        Assert.Matches(@"\| I\(level 2; input\) at the end \| falls toward log₂ 2 = 1 bit \| 1\.0\d bits \|", page);
        var peak = System.Text.RegularExpressions.Regex.Match(page, @"\| I\(level 2; input\) peak \| [^|]+ \| (\d\.\d\d) bits at iteration \d+ \|");
        Assert.True(peak.Success && double.Parse(peak.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 1.5, page); // the measured rise
        Assert.True(new FileInfo(pages.File("information-bottleneck.png")).Length > 10_000);
        Assert.Contains("[Fig. 5 (paper 002): the information bottleneck in a neurashed](fig5.md)", File.ReadAllText(pages.File("README.md")));
    }

    [Theory]
    [InlineData("table9", "Argument 'table9' not recognized. Must be one of")]
    [InlineData("fig5 --budget forever", "Argument 'forever' not recognized. Must be one of")]
    public void AnUnknownTargetOrBudgetIsRefusedInOneLine(string arguments, string message)
    {
        (int code, string output) = Run(["reproduce", .. arguments.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(message, output.Split('\n').Single(line => line.StartsWith("error:", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheTargetTableDrivesTheCommandLine()
    {
        Assert.Equal([.. Reproduction.Targets.Select(t => t.Name), "all"], Reproduction.TargetNames);
        Assert.Equal(Reproduction.Targets.Count, Reproduction.Targets.Select(t => t.Name).Distinct().Count());

        (int code, string output) = Run("reproduce", "table9");
        Assert.Equal(2, code);
        string[] lines = output.Split('\n');
        int error = Array.FindIndex(lines, line => line.StartsWith("error: Argument 'table9' not recognized. Must be one of:", StringComparison.Ordinal));
        Assert.True(error >= 0, output);
        Assert.Equal(Reproduction.TargetNames.Select(name => $"\t'{name}'"),
            lines.Skip(error + 1).Take(Reproduction.TargetNames.Count).Select(line => line.Split(" (see", 2)[0])); // the last adds where to read more
    }

    [Fact]
    public void ThePapersNumbersAreTheOnesSpecRestates()
    {
        string[] Texts(string target) => [.. Reproduction.Targets.Single(t => t.Name == target).Paper.Select(p => p.Value.Text)];
        Assert.Equal(["92.1", "78.8", "91.6", "85.6 (86.3 in the text)", "96 ± 0.4", "88.2 ± 0.75"], Texts("table1"));
        Assert.Equal(["90.34", "86.84", "84.84", "92.56", "90.21", "90.76"], Texts("table2"));
        Assert.Equal(["rises toward log₂ 4 = 2 bits", "falls toward log₂ 2 = 1 bit", "near 1 bit"], Texts("fig5"));
        Assert.Equal(["largest", "smaller", "smallest"], Texts("elasticity"));
        Assert.Equal(["82 ± 18.7", "91.6", "91.9", "94.2"], Texts("wann"));
        Assert.Equal(["crossover, two fit programs exchanging random subtrees, is the main driver",
            "initial programs are random trees of various sizes; (of networks) simple solutions come first", "82.4", "91.6", "91.6"], Texts("gp"));
        Assert.All(Reproduction.Targets.SelectMany(t => t.Paper), p => Assert.Contains(p.Source.Paper, new[] { "000", "001", "002", "003" }));
    }

    [Fact]
    public void EveryExperimentATargetRunsIsDeclared()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Host.ExperimentsRunner(), "list" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string list = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        var declared = list.Split('\n').Select(line => line.Trim('│', ' ').Split(' ')[0]).ToHashSet();
        Assert.All(Reproduction.Targets.SelectMany(t => t.Experiments), name => Assert.Contains(name, declared));
    }

    [Fact]
    public void EveryTargetsPageHasItsPapersNumbersAndTitle()
    {
        // The MNIST runs stand in as finished results folders (read, never trained); the neurashed phenomena run.
        using var folder = new TempDirectory();
        string pages = folder.File("pages"), results = folder.File("results");
        var catalog = ExperimentCatalog.All.ToList();
        foreach (string name in Reproduction.Targets.SelectMany(t => t.Experiments).Where(n => catalog.All(e => e.Name != n)))
        {
            catalog.Add(StandIn(name));
            foreach (string run in new[] { name, Path.Combine(name, "seed-1"), Path.Combine(name, "seed-2"), Path.Combine(name, "seed-3") })
                FinishedRun(Path.Combine(results, run));
        }

        (int code, string output) = Host.RunOn(catalog, "reproduce", "all", "--pages", pages, "--results", results);

        Assert.True(code == 0, output);
        string index = File.ReadAllText(Path.Combine(pages, "README.md"));
        foreach (ReproductionTarget target in Reproduction.Targets)
        {
            string page = File.ReadAllText(Path.Combine(pages, target.Name + ".md"));
            Assert.StartsWith($"# {target.Title}\n", page);
            Assert.Contains($"- [{target.Title}]({target.Name}.md)", index);
            foreach (PaperResult result in target.Paper)
                Assert.Contains(result.Value is ReportedClaim ? result.Value.Text : $"| {result.Value.Text} |", page);
        }
    }

    [Fact]
    public void Figure5IsTheDeclaredExperimentCreatedFromItsCatalogEntry()
    {
        // The declaration's catalog entry, cut to 200 iterations and counting its trainers: the page follows it.
        ExperimentDescriptor declared = NeurashedInformationBottleneck.Descriptor;
        int created = 0;
        ExperimentDescriptor counted = declared with
        {
            Run = declared.Run with { Steps = 200 },
            Create = context => { created++; return declared.Create(context); },
        };
        using var folder = new TempDirectory();
        (int code, string output) = Host.RunOn([.. ExperimentCatalog.All.Where(e => e.Name != declared.Name), counted],
            "reproduce", "fig5", "--pages", folder.Path, "--results", folder.File("results"));

        Assert.True(code == 0, output);
        Assert.Equal(1, created);
        using var trainer = NeurashedInformationBottleneck.Descriptor.Create(new RunContext(EvoDsl.Data.ClassSubset.None, EvoDsl.Data.ClassSubset.None, 1, 1));
        InformationBottleneckResult expected = InformationBottleneck.Measure(trainer, 200, declared.Run.EvaluateEvery);
        string page = File.ReadAllText(folder.File("fig5.md"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {expected.PeakInputBits:F2} bits at iteration {expected.PeakIteration} |"), page);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {expected.FinalInputBits:F2} bits |"), page);
        string[] csv = File.ReadAllLines(folder.File("information-bottleneck.csv"));
        Assert.Equal(expected.Series.Count + 1, csv.Length);
        Assert.StartsWith("200,", csv[^1]);
    }

    /// <summary>A catalog entry for an experiment of the experiments project, which this assembly does not compile; never trained here.</summary>
    private static ExperimentDescriptor StandIn(string name) =>
        name.StartsWith("gp-", StringComparison.Ordinal)
            ? new(name, "Stand-in", "StandIn", new DataSettings("0-9", 0, MnistImages.Deskewed16), new RunSettings(300, 20, 1, "generation", "program-samples", "fitness"),
                new GpSettings(Population: 300, BatchSize: 300, TournamentSize: 7, Crossover: name.EndsWith("-mutation-only", StringComparison.Ordinal) ? 0 : 0.9,
                    Mutation: name.EndsWith("-mutation-only", StringComparison.Ordinal) ? 0.95 : 0.05, EliteRatio: 0.01, InitialDepth: 5, MaxDepth: 10, MaxSize: 100),
                _ => throw new InvalidOperationException($"'{name}' stands in for a finished run and is not trained"))
        : name.StartsWith("wann-", StringComparison.Ordinal)
            ? new(name, "Stand-in", "StandIn", new DataSettings("0-9", 0, MnistImages.Deskewed16), new RunSettings(200, 20, 1, "generation", "network-samples", "fitness"),
                new WannSettings(Population: 192, BatchSize: 200, InitialConnections: 0.05, AddConnection: 0.2, AddNode: 0.25, EnableConnection: 0.05,
                    ChangeActivation: 0.5, CullRatio: 0.2, EliteRatio: 0.2, TournamentSize: 32, SizeObjective: 0.8),
                _ => throw new InvalidOperationException($"'{name}' stands in for a finished run and is not trained"))
            : new(name, "Stand-in", "StandIn", new DataSettings("0-4", 100), new RunSettings(1, 1, 1, "generation", "genotype-samples", "fitness"),
                new NneSettings(Hidden: 300, EdgeProbability: 0.1, Genes: 1000, Population: 200, GeneDensity: 0.0025, Selection: 20, WeightGain: 1, FitnessHook: null),
                _ => throw new InvalidOperationException($"'{name}' stands in for a finished run and is not trained"));

    [Fact]
    public void TheWannPageSetsTheBestNetworksAccuraciesBesideThePapersAndDrawsIt()
    {
        // A finished quick run: at the six shared weights its best network scores 55 ± 10 %, 67 % at the best one, 70 % as an ensemble.
        using var folder = new TempDirectory();
        string pages = folder.File("pages"), results = folder.File("results");
        var catalog = ExperimentCatalog.All.Where(e => !e.Name.StartsWith("wann-", StringComparison.Ordinal)).ToList();
        catalog.AddRange(Reproduction.Targets.Single(t => t.Name == "wann").Experiments.Select(StandIn));
        FinishedRun(Path.Combine(results, "wann-mnist-quick"));

        (int code, string output) = Host.RunOn(catalog, "reproduce", "wann", "--pages", pages, "--results", results);

        Assert.True(code == 0, output);
        string page = File.ReadAllText(Path.Combine(pages, "wann.md"));
        Assert.All(new[]
        {
            "| random shared weight | 82 ± 18.7 | 55.00 ± 10.00 (mean ± s over the six shared weights) |",
            "| ensemble of weights | 91.6 | 70.00 |",
            "| best single weight | 91.9 | 67.00 |",
            "| trained weights | 94.2 | 88.50 |",
            "| `wann-mnist-quick` | 1000000 | 192 | 200 images | 3 | 2 | 2 | 1.0 min |",
            "![The best network](wann-champion.png)",
        }, row => Assert.Contains(row, page));
        foreach (string picture in new[] { "wann-champion.png", "wann-fitness.png" })
            Assert.True(new FileInfo(Path.Combine(pages, picture)).Length > 10_000, picture);
    }

    [Fact]
    public void TheSeededRowsShowMeanSpreadIntervalAndWhetherThePaperIsInside()
    {
        // Finished runs whose final accuracies differ by seed: 95, 96, 97 % has mean 96, s 1 and the interval 96 ± 4.302653/√3.
        using var folder = new TempDirectory();
        string pages = folder.File("pages"), results = folder.File("results");
        var accuracies = new Dictionary<string, double[]>
        {
            ["sgd-mnist-0to4"] = [0.95, 0.96, 0.97], // paper 96: inside [93.52, 98.48]
            ["sgd-mnist-0to9"] = [0.90, 0.91, 0.92], // paper 88.2: below [88.52, 93.48]
            ["sgd-h1000"] = [0.89, 0.90, 0.91], // paper 90.34: inside [87.52, 92.48]
            ["signsgd-h1000"] = [0.92, 0.93, 0.94], // paper 86.84: below [90.52, 95.48]
            ["dnn-h1000"] = [0.90, 0.90, 0.90], // no spread: the interval is the point 90
        };
        var catalog = ExperimentCatalog.All.Where(e => !Reproduction.Targets.SelectMany(t => t.Experiments).Contains(e.Name)).ToList();
        foreach (string name in new[] { "table1", "table2" }.SelectMany(t => Reproduction.Targets.Single(target => target.Name == t).Experiments))
        {
            catalog.Add(StandIn(name));
            double[] bySeed = accuracies.GetValueOrDefault(name, [0.9, 0.9, 0.9]);
            FinishedRun(Path.Combine(results, name), bySeed[0]); // the declared seed's run: where Table 1's NNE rows read seed 1
            for (int seed = 1; seed <= 3; seed++)
                FinishedRun(Path.Combine(results, name, $"seed-{seed}"), bySeed[seed - 1]);
        }

        string Page(params string[] arguments)
        {
            (int code, string output) = Host.RunOn(catalog, ["reproduce", .. arguments, "--pages", pages, "--results", results]);
            Assert.True(code == 0, output);
            return File.ReadAllText(Path.Combine(pages, arguments[0] + ".md"));
        }

        string table1 = Page("table1");
        Assert.All(new[]
        {
            "| SGD (Adam, same network and subset) | 96.00 ± 1.00 | 96 ± 0.4 | 91.00 ± 1.00 | 88.2 ± 0.75 | 20 epochs, seeds 1-3 |",
            "| model | data | seeds | EvoDsl: mean ± s | 95% CI of the mean | paper | paper inside CI |",
            // NNE at the quick budget's 100 generations: these runs went on to 1,000,000, and were at 10% up to 100.
            "| NNE | 10.00 ± 0.00 | 92.1 | 10.00 ± 0.00 | 78.8 | 0 / 0 generations, seeds 1-3 |",
            "| NNE | MNIST 0-4 | 3 | 10.00 ± 0.00 | [10.00, 10.00] | 92.1 | no |",
            "**The 0-9 run of the declared seed, continued toward the paper's 78.8:** generation 1,000,000, 90.00% test accuracy (91.00% with W·p), after 1.0 min of training.",
            "| NNE + SignSGD | MNIST 0-9 | 1 | 90.00 | 1 seed: no interval | 85.6 (86.3 in the text) | — |",
            "| SGD | MNIST 0-4 | 3 | 96.00 ± 1.00 | [93.52, 98.48] | 96 ± 0.4 | yes |",
            "| SGD | MNIST 0-9 | 3 | 91.00 ± 1.00 | [88.52, 93.48] | 88.2 ± 0.75 | no |",
        }, row => Assert.Contains(row, table1));

        string table2 = Page("table2", "--budget", "standard"); // the standard budget runs the k-cap rows too, once each
        Assert.All(new[]
        {
            "| 1000 | 90.00 ± 1.00 | 90.34 | 93.00 ± 1.00 | 86.84 | 90.00 ± 0.00 | 84.84 | 500 epochs, seeds 1-3 |",
            "| 100,000 (k-cap 256) | 90.00 | 92.56 | 90.00 | 90.21 | 90.00 | 90.76 | 50 epochs, seed 1 |",
            "| 1000 | SGD (Adam) | 3 | 90.00 ± 1.00 | [87.52, 92.48] | 90.34 | yes |",
            "| 1000 | SignSGD | 3 | 93.00 ± 1.00 | [90.52, 95.48] | 86.84 | no |",
            "| 1000 | DNN | 3 | 90.00 ± 0.00 | [90.00, 90.00] | 84.84 | no |",
            "| 100,000 | DNN | 1 | 90.00 | 1 seed: no interval | 90.76 | — |",
        }, row => Assert.Contains(row, table2));
    }

    /// <summary>A results folder as a finished run leaves it, further than any budget goes, with the columns and files the pages read.</summary>
    [Fact]
    public void TheNneStudyPageNamesWhatEachRunChangesWithItsSpreadAndInterval()
    {
        // The defaults at 90, 90, 90 %; WeightGain 4 at 95, 96, 97 % (mean 96, s 1, interval 96 ± 4.302653/√3); a reward hook at 80 %.
        using var folder = new TempDirectory();
        string pages = folder.File("pages"), results = folder.File("results");
        ReproductionTarget study = Reproduction.Targets.Single(t => t.Name == "nne-study");
        var defaults = new NneSettings(Hidden: 300, EdgeProbability: 0.1, Genes: 1000, Population: 200, GeneDensity: 0.0025, Selection: 100, WeightGain: 8, FitnessHook: null);
        var catalog = ExperimentCatalog.All.Where(e => !study.Experiments.Contains(e.Name)).ToList();
        foreach (string name in study.Experiments)
        {
            NneSettings settings = name switch
            {
                "nne-study-0to9-gain4" => defaults with { WeightGain = 4 },
                "nne-study-0to9-empty-zero" => defaults with { EmptySide = EmptySide.Zero },
                "nne-study-0to9-reward-linear" => defaults with { FitnessHook = "LinearMargin" },
                _ => defaults,
            };
            catalog.Add(StandIn(name) with { Algorithm = settings });
            double[] bySeed = name switch
            {
                "nne-study-0to9-gain4" => [0.95, 0.96, 0.97],
                "nne-study-0to9-reward-linear" => [0.8, 0.8, 0.8],
                _ => [0.9, 0.9, 0.9],
            };
            for (int seed = 1; seed <= 3; seed++)
                FinishedRun(Path.Combine(results, name, $"seed-{seed}"), bySeed[seed - 1]);
        }

        (int code, string output) = Host.RunOn(catalog, "reproduce", "nne-study", "--pages", pages, "--results", results);

        Assert.True(code == 0, output);
        string page = File.ReadAllText(Path.Combine(pages, "nne-study.md"));
        Assert.All(new[]
        {
            "| defaults: WeightGain 8, ε = 100, EmptySide.PopulationMean, reward max{0, α² − L²} | `nne-genes-0to9-n1000` | 10.00 | 90.00 ± 0.00 | [90.00, 90.00] | 91.00 | — | 1000000 (3 of 3) | 3.0 min |",
            "| WeightGain 4 | `nne-study-0to9-gain4` | 10.00 | 96.00 ± 1.00 | [93.52, 98.48] | 91.00 | — | 1000000 (3 of 3) |",
            "| EmptySide.Zero | `nne-study-0to9-empty-zero` |",
            "| as the defaults | `nne-study-0to9-gain16` |",
            "| generation reaching 50% | training time (all seeds) |",
            "| reward `LinearMargin` | `nne-study-0to9-reward-linear` | 10.00 | 80.00 ± 0.00 |",
        }, row => Assert.Contains(row, page));
        Assert.DoesNotContain("| ε = 100 |", page); // the rows name only what differs from the defaults
        Assert.True(File.Exists(Path.Combine(pages, "nne-study.png")));
    }

    private static void FinishedRun(string directory, double testAccuracy = 0.9)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "summary.json"), """{ "generations_completed": 1000000 }""");
        const string wannColumns = "best_mean_fitness,population_mean_fitness,test_accuracy_mean_weight,test_accuracy_std_weight,test_accuracy_best_weight,test_accuracy_ensemble,connections,hidden_nodes";
        const string gpColumns = "best_fitness,best_size,population_mean_size";
        File.WriteAllText(Path.Combine(directory, "metrics.csv"),
            string.Create(CultureInfo.InvariantCulture,
                $"generation,epoch,test_accuracy,test_accuracy_mean_field,{wannColumns},{gpColumns},seconds\n0,0,0.1,0.1,-2.6,-3,0.1,0.05,0.15,0.13,126,0,-2.3,50,200,0\n"
                + $"1000000,1000000,{testAccuracy},0.91,-1.5,-1.6,0.55,0.1,0.67,0.7,3,2,-0.5,400,420,60\n"));
        File.WriteAllText(Path.Combine(directory, WannChampion.FileName), WannChampionTests.TinyMnistChampion);
        File.WriteAllText(Path.Combine(directory, "wann-trained-weights.csv"), "start_weight,epochs,batch,learning_rate,test_accuracy\n-2,10,100,0.01,0.885\n");
        File.WriteAllText(Path.Combine(directory, EvoDsl.Metrics.AlleleConvergence.HistoryFile),
            "generation,distance,fraction\n" + string.Concat(new[] { 25, 50, 100 }.Select(g => $"{g},0.01,0.5\n{g},0.05,0.6\n{g},0.1,0.7\n{g},0.25,0.9\n")));
    }
}
