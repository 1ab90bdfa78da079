using System.CommandLine;
using System.Globalization;
using EvoDsl.Data;
using Spectre.Console;

namespace EvoDsl.Hosting;

/// <summary>
/// The command line of an experiments project: <c>list</c> and <c>run NAME [options]</c> over the
/// catalog the generator emitted. User errors print one line and exit with code 2.
/// </summary>
public static class EvoDslHost
{
    public static int Run(string[] args, IReadOnlyList<ExperimentDescriptor> catalog)
    {
        IAnsiConsole console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
            console.Profile.Width = 200; // a log file has no width: do not wrap progress lines at 80
        return Run(args, catalog, console);
    }

    public static int Run(string[] args, IReadOnlyList<ExperimentDescriptor> catalog, IAnsiConsole console)
    {
        RootCommand root = BuildCommand(catalog, console);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line that says what to change, instead of the whole help text.
            string help = parse.CommandResult.Command == root ? "--help" : $"{parse.CommandResult.Command.Name} --help";
            console.MarkupLine($"[red]error:[/] {Markup.Escape(parse.Errors[0].Message)} (see '{help}')");
            return 2;
        }
        return parse.Invoke();
    }

    private static RootCommand BuildCommand(IReadOnlyList<ExperimentDescriptor> catalog, IAnsiConsole console)
    {
        var list = new Command("list", "List the declared experiments.");
        list.SetAction(_ => List(catalog, console));

        var name = new Argument<string>("name") { Description = "The experiment to run, as shown by 'list'." };
        var steps = Positive("--steps", "Generations (NNE), epochs or iterations (neurashed) to run (default: the declaration's [Run]); --generations, --epochs and --iterations say the same.",
            "--generations", "--epochs", "--iterations");
        var evaluateEvery = Positive("--evaluate-every", "Evaluate train/test accuracy every N steps (default: the declaration's).");
        var seed = new Option<int?>("--seed") { Description = "Seed for every random choice of the run (default: the declaration's)." };
        var threads = Positive("--threads", "Worker threads (default: all cores). Results do not depend on it.");
        var data = new Option<string?>("--data") { Description = "Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (any IDX data set with MNIST's layout). Default: MNIST, fetched on first use." };
        var output = new Option<string?>("--out") { Description = "Results folder (default: results/NAME)." };
        var cache = new Option<string?>("--mnist-cache") { Description = $"Where MNIST is cached (default: ${Mnist.CacheEnvironmentVariable} or {Mnist.DefaultCacheDirectory})." };
        var checkpointEvery = Positive("--checkpoint-every", "Write results/NAME/checkpoint.bin every N steps (default: at every evaluation), at the end and on Ctrl+C.");
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in the output folder; refused if the declaration, data or seed differ." };

        var run = new Command("run", "Run an experiment with live progress; writes results/NAME/metrics.csv and summary.json.")
        {
            name, steps, evaluateEvery, seed, threads, data, output, cache, checkpointEvery, resume,
        };
        run.SetAction(parse =>
        {
            var options = new RunOptions(parse.GetValue(steps), parse.GetValue(evaluateEvery), parse.GetValue(seed),
                parse.GetValue(threads), parse.GetValue(data), parse.GetValue(output), parse.GetValue(cache),
                parse.GetValue(checkpointEvery), parse.GetValue(resume));
            return RunExperiment(catalog, parse.GetValue(name)!, options, console);
        });

        var target = new Argument<string>("target") { Description = $"What to reproduce: {string.Join(", ", Reproduction.Targets)}." };
        target.AcceptOnlyFromAmong([.. Reproduction.Targets]);
        var budget = new Option<string>("--budget") { Description = $"How long the runs go: {string.Join(", ", ReproductionBudget.All.Select(b => b.Name))} (docs/results/README.md lists each).", DefaultValueFactory = _ => "quick" };
        budget.AcceptOnlyFromAmong([.. ReproductionBudget.All.Select(b => b.Name)]);
        var pages = new Option<string>("--pages") { Description = "Where the Markdown pages and plots go.", DefaultValueFactory = _ => "docs/results" };
        var results = new Option<string>("--results") { Description = "Where the runs' results folders go; finished runs there are reused, stopped ones resumed.", DefaultValueFactory = _ => "results" };
        var reproduceThreads = Positive("--threads", "Worker threads (default: all cores).");
        var reproduceData = new Option<string?>("--data") { Description = "IDX data folder instead of MNIST (see run --help)." };
        var reproduceCache = new Option<string?>("--mnist-cache") { Description = "Where MNIST is cached." };
        var reproduce = new Command("reproduce", "Run the experiments behind a table or figure of the papers and write its page (paper's numbers next to ours, plots) into docs/results/.")
        {
            target, budget, pages, results, reproduceThreads, reproduceData, reproduceCache,
        };
        reproduce.SetAction(parse => Reproduce(catalog, parse.GetValue(target)!,
            new ReproductionOptions(parse.GetValue(budget)!, parse.GetValue(reproduceThreads), Path.GetFullPath(parse.GetValue(pages)!),
                Path.GetFullPath(parse.GetValue(results)!), parse.GetValue(reproduceData), parse.GetValue(reproduceCache)), console));

        return new RootCommand("EvoDsl: evolutionary and biologically plausible learning experiments, declared as annotated C# classes.")
        {
            list, run, reproduce,
        };
    }

    private static Option<int?> Positive(string name, string description, params string[] aliases)
    {
        var option = new Option<int?>(name, aliases) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var value)
                result.AddError($"{name} must be a positive integer, got {value}.");
        });
        return option;
    }

    private static int List(IReadOnlyList<ExperimentDescriptor> catalog, IAnsiConsole console)
    {
        var table = new Table().AddColumns("name", "data", "length", "description");
        foreach (ExperimentDescriptor e in catalog.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            table.AddRow(Markup.Escape(e.Name),
                Markup.Escape(e.Data switch
                {
                    null => "declared inputs",
                    { TrainPerClass: 0 } data => $"MNIST {data.Digits}, all",
                    var data => $"MNIST {data.Digits}, {data.TrainPerClass}/class",
                }),
                string.Create(CultureInfo.InvariantCulture, $"{e.Run.Steps} {e.Run.StepNoun}s"),
                Markup.Escape(e.Description));
        }
        console.Write(table);
        return 0;
    }

    private static int RunExperiment(IReadOnlyList<ExperimentDescriptor> catalog, string name, RunOptions options, IAnsiConsole console) =>
        Interruptible(console, cancellation =>
        {
            ExperimentDescriptor experiment = Find(catalog, name);
            var result = new ExperimentRunner(console).Run(experiment, options, cancellation);
            foreach (Metric m in result.Final.Where(m => m.Name.Contains("accuracy", StringComparison.Ordinal)))
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{m.Name}: [bold]{m.Value * 100:F2}%[/]"));
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{result.Completed} {experiment.Run.StepNoun}s, {ProgressDisplay.FormatRate(result.UnitsPerSecond, experiment.Run.UnitNoun)}{(result.Interrupted ? ", interrupted" : "")}; results in {result.OutputDirectory}")));
        });

    private static int Reproduce(IReadOnlyList<ExperimentDescriptor> catalog, string target, ReproductionOptions options, IAnsiConsole console) =>
        Interruptible(console, cancellation =>
        {
            new Reproduction(catalog, console, options).Run(target, cancellation);
            console.MarkupLine(Markup.Escape($"pages in {options.PageDirectory}"));
        });

    /// <summary>
    /// Runs <paramref name="work"/> with Ctrl+C and SIGTERM turned into a cancellation (the current step
    /// finishes, the run checkpoints and writes its results); a user error prints one line and returns 2.
    /// SIGTERM too, because a run started in the background by a script ignores SIGINT.
    /// </summary>
    private static int Interruptible(IAnsiConsole console, Action<CancellationToken> work)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                cancellation.Cancel();
            });
        Console.CancelKeyPress += onCancel;
        try
        {
            work(cancellation.Token);
            return 0;
        }
        catch (EvoDslException e)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 2;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The experiment called <paramref name="name"/>, or an error that suggests the closest names.</summary>
    public static ExperimentDescriptor Find(IReadOnlyList<ExperimentDescriptor> catalog, string name)
    {
        foreach (ExperimentDescriptor e in catalog)
            if (e.Name == name)
                return e;
        IReadOnlyList<string> close = NameSuggestions.Closest(name, catalog.Select(e => e.Name));
        string hint = close.Count > 0 ? $"did you mean {string.Join(", ", close.Select(c => $"'{c}'"))}? " : "";
        throw new EvoDslException($"no experiment named '{name}'; {hint}'list' shows all {catalog.Count}.");
    }
}
