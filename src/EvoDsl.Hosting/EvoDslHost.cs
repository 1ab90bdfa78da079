using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using EvoDsl.Data;
using Microsoft.Extensions.DependencyInjection;
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
        var seed = WholeNumber("--seed", "Seed for every random choice of the run (default: the declaration's).", minimum: int.MinValue);
        var threads = Positive("--threads", "Worker threads (default: all cores). Results do not depend on it.");
        var data = new Option<string?>("--data") { Description = "Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (any IDX data set with MNIST's layout). Default: MNIST, fetched on first use." };
        var output = new Option<string?>("--out") { Description = "Results folder (default: results/NAME)." };
        var cache = new Option<string?>("--mnist-cache") { Description = $"Where MNIST is cached (default: ${Mnist.CacheEnvironmentVariable} or {Mnist.DefaultCacheDirectory})." };
        var checkpointEvery = Positive("--checkpoint-every", "Write results/NAME/checkpoint.bin every N steps (default: at every evaluation), at the end and on Ctrl+C.");
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in the output folder; refused if the declaration, data or seed differ." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the results of an earlier run in the output folder (without it, a folder with results is refused)." };
        var cluster = new Option<string?>("--cluster") { Description = "Compute each step's parts on a cluster's workers ('worker' command): localhost:PORT (a worker's gateway port on this machine) or redis://HOST:PORT. NNE only; results are the same as a local run's." };

        var run = new Command("run", "Run an experiment with live progress; writes results/NAME/metrics.csv, metrics.png and summary.json.")
        {
            name, steps, evaluateEvery, seed, threads, data, output, cache, checkpointEvery, resume, overwrite, cluster,
        };
        run.Validators.Add(result =>
        {
            if (result.GetValue(resume) && result.GetValue(overwrite))
                result.AddError("--resume continues the earlier run and --overwrite replaces it; pass one of them");
        });
        run.SetAction(parse =>
        {
            var options = new RunOptions(parse.GetValue(steps), parse.GetValue(evaluateEvery), parse.GetValue(seed),
                parse.GetValue(threads), parse.GetValue(data), parse.GetValue(output), parse.GetValue(cache),
                parse.GetValue(checkpointEvery), parse.GetValue(resume), parse.GetValue(overwrite), parse.GetValue(cluster));
            return RunExperiment(catalog, parse.GetValue(name)!, options, console);
        });

        var workerCluster = new Option<string>("--cluster")
        {
            Description = "The cluster to serve: 'primary' (this worker is the first silo on this machine), 'localhost:PORT' (join the primary silo whose --silo-port is PORT) or 'redis://HOST:PORT' (workers on several machines).",
            Required = true,
        };
        var siloPort = Positive("--silo-port", "Port the silo talks to other silos on (default 11111); distinct for each worker on a machine.");
        var gatewayPort = Positive("--gateway-port", "Port coordinators connect to (default 30000); distinct for each worker on a machine.");
        var listen = new Option<string>("--listen") { Description = "Address the silo listens on and advertises (default 127.0.0.1; another address only with redis:// clustering).", DefaultValueFactory = _ => "127.0.0.1" };
        var workerThreads = Positive("--threads", "Threads for computing parts (default: all cores).");
        var workerData = new Option<string?>("--data") { Description = "IDX data folder, as for run; the coordinator's data must be the same (checked)." };
        var workerCache = new Option<string?>("--mnist-cache") { Description = "Where MNIST is cached." };
        var scratch = new Option<string?>("--scratch") { Description = "Where whole runs sent by 'sweep' or 'reproduce --cluster' keep their folders (default: the system's temporary folder, evodsl-worker-SILOPORT)." };
        var worker = new Command("worker", "Serve a cluster: compute parts of other processes' runs ('run NAME --cluster ...') until stopped with Ctrl+C. Only the experiments compiled into this program run.")
        {
            workerCluster, siloPort, gatewayPort, listen, workerThreads, workerData, workerCache, scratch,
        };
        worker.SetAction(parse => Worker(catalog, console, parse.GetValue(workerCluster)!, parse.GetValue(siloPort) ?? 11111, parse.GetValue(gatewayPort) ?? 30000,
            parse.GetValue(listen)!, parse.GetValue(workerThreads), parse.GetValue(workerData), parse.GetValue(workerCache), parse.GetValue(scratch)));

        var target = new Argument<string>("target") { Description = $"What to reproduce: {string.Join(", ", Reproduction.TargetNames)}." };
        target.AcceptOnlyFromAmong([.. Reproduction.TargetNames]);
        var budget = new Option<string>("--budget") { Description = $"How long the runs go: {string.Join(", ", ReproductionBudget.All.Select(b => b.Name))} (docs/results/README.md lists each).", DefaultValueFactory = _ => "quick" };
        budget.AcceptOnlyFromAmong([.. ReproductionBudget.All.Select(b => b.Name)]);
        var pages = new Option<string>("--pages") { Description = "Where the Markdown pages and plots go.", DefaultValueFactory = _ => "docs/results" };
        var results = new Option<string>("--results") { Description = "Where the runs' results folders go; finished runs there are reused, stopped ones resumed.", DefaultValueFactory = _ => "results" };
        var reproduceThreads = Positive("--threads", "Worker threads (default: all cores).");
        var reproduceData = new Option<string?>("--data") { Description = "IDX data folder instead of MNIST (see run --help)." };
        var reproduceCache = new Option<string?>("--mnist-cache") { Description = "Where MNIST is cached." };
        var reproduceCluster = new Option<string?>("--cluster") { Description = "Run the page's experiments on a cluster's workers (localhost:PORT or redis://HOST:PORT), a page's seeds at once; the pages are the same." };
        var reproduce = new Command("reproduce", "Run the experiments behind a table or figure of the papers and write its page (paper's numbers next to ours, plots) into docs/results/.")
        {
            target, budget, pages, results, reproduceThreads, reproduceData, reproduceCache, reproduceCluster,
        };
        reproduce.SetAction(parse => Reproduce(catalog, parse.GetValue(target)!,
            () => new ReproductionOptions(parse.GetValue(budget)!, parse.GetValue(reproduceThreads),
                HostPaths.WritableDirectory(parse.GetValue(pages)!, "--pages"), HostPaths.WritableDirectory(parse.GetValue(results)!, "--results"),
                parse.GetValue(reproduceData), parse.GetValue(reproduceCache), parse.GetValue(reproduceCluster)), console));

        var sweepNames = new Argument<string[]>("names") { Description = "The experiments to run, as shown by 'list'.", Arity = ArgumentArity.OneOrMore };
        var seeds = new Option<string>("--seeds") { Description = "Seeds to run each experiment with: 1-3, or 1,4,9.", DefaultValueFactory = _ => "1-3" };
        var sweepSteps = Positive("--steps", "Steps of every run (default: each declaration's [Run]).");
        var sweepCluster = new Option<string>("--cluster") { Description = "The cluster whose workers run the sweep: localhost:PORT or redis://HOST:PORT.", Required = true };
        var sweepResults = new Option<string>("--results") { Description = "Where the runs' folders go (NAME/seed-N, as reproduce reads them).", DefaultValueFactory = _ => "results" };
        var sweepData = new Option<string?>("--data") { Description = "IDX data folder the workers were started with (to check theirs is the same)." };
        var sweep = new Command("sweep", "Run experiments over seeds on a cluster's workers, one run per worker at a time; a run whose worker is lost continues on another from its last checkpoint.")
        {
            sweepNames, seeds, sweepSteps, sweepCluster, sweepResults, sweepData,
        };
        sweep.SetAction(parse => Sweep(catalog, console, parse.GetValue(sweepNames)!, parse.GetValue(seeds)!, parse.GetValue(sweepSteps),
            parse.GetValue(sweepCluster)!, parse.GetValue(sweepResults)!, parse.GetValue(sweepData)));

        return new RootCommand("EvoDsl: evolutionary and biologically plausible learning experiments, declared as annotated C# classes.")
        {
            list, run, reproduce, worker, sweep,
        };
    }

    private static Option<int?> Positive(string name, string description, params string[] aliases) =>
        WholeNumber(name, description, minimum: 1, aliases);

    /// <summary>
    /// An integer option parsed here rather than by the library, so "abc", "1.5" and 99999999999 get one line
    /// that names the option and its range instead of a stack trace.
    /// </summary>
    private static Option<int?> WholeNumber(string option, string description, int minimum, params string[] aliases)
    {
        string range = minimum == 1 ? "a positive whole number" : $"a whole number from {minimum} to {int.MaxValue}";
        return new Option<int?>(option, aliases)
        {
            Description = description,
            CustomParser = result =>
            {
                string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                string name = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? option; // as typed: --generations, not --steps
                if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                {
                    result.AddError($"{name} must be {range}, got '{token}'.");
                    return null;
                }
                if (value < minimum || value > int.MaxValue)
                {
                    result.AddError($"{name} must be {range}, got {token}.");
                    return null;
                }
                return (int)value;
            },
        };
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
            string rate = result.UnitsPerSecond is { } perSecond ? ProgressDisplay.FormatRate(perSecond, experiment.Run.UnitNoun) : "none trained now";
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{result.Completed} {experiment.Run.StepNoun}s, {rate}{(result.Interrupted ? ", interrupted" : "")}; results in {result.OutputDirectory}")));
            if (result.Interrupted)
                console.MarkupLine(Markup.Escape($"interrupted at {experiment.Run.StepNoun} {result.Completed}; continue with: {ResumeCommand(name, options, result.OutputDirectory)}"));
            return result.Interrupted;
        });

    /// <summary>The run command that continues a stopped run: its own options again, with --resume.</summary>
    internal static string ResumeCommand(string name, RunOptions options, string output)
    {
        var command = new List<string> { "run", name, "--resume" };
        void Add(string option, object? value)
        {
            if (value is not null)
                command.AddRange([option, Quote(Convert.ToString(value, CultureInfo.InvariantCulture)!)]);
        }
        Add("--steps", options.Steps);
        Add("--evaluate-every", options.EvaluateEvery);
        Add("--seed", options.Seed);
        Add("--threads", options.Threads);
        Add("--data", options.DataDirectory);
        Add("--mnist-cache", options.MnistCache);
        Add("--checkpoint-every", options.CheckpointEvery);
        Add("--out", options.OutputDirectory is null ? null : output);
        return string.Join(' ', command);
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':')
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";

    private static int Reproduce(IReadOnlyList<ExperimentDescriptor> catalog, string target, Func<ReproductionOptions> options, IAnsiConsole console) =>
        Interruptible(console, cancellation =>
        {
            ReproductionOptions resolved = options();
            if (resolved.Cluster is { } cluster)
                Cluster.ClusterAddress.Parse(cluster, "--cluster", worker: false);
            using var reproduction = new Reproduction(catalog, console, resolved);
            reproduction.Run(target, cancellation);
            console.MarkupLine(Markup.Escape($"pages in {resolved.PageDirectory}"));
            return cancellation.IsCancellationRequested; // stopped between targets
        });

    private static int Worker(IReadOnlyList<ExperimentDescriptor> catalog, IAnsiConsole console, string clusterText, int siloPort, int gatewayPort,
        string listenText, int? threads, string? data, string? cache, string? scratch) =>
        Interruptible(console, cancellation =>
        {
            Cluster.ClusterAddress cluster = Cluster.ClusterAddress.Parse(clusterText, "--cluster", worker: true);
            if (!System.Net.IPAddress.TryParse(listenText, out System.Net.IPAddress? listen))
                throw new EvoDslException($"--listen '{listenText}' is not an IP address; give one such as 127.0.0.1");
            if (siloPort == gatewayPort)
                throw new EvoDslException($"--silo-port and --gateway-port are both {siloPort}; give each its own port");
            if (cluster is Cluster.ClusterAddress.Localhost(int primary) && primary == siloPort)
                throw new EvoDslException($"--cluster localhost:{primary} joins the primary silo on port {primary}, which is this worker's own --silo-port; give this worker another port, or start it with --cluster primary");
            var options = new Cluster.WorkerOptions(Math.Min(threads ?? Environment.ProcessorCount, Environment.ProcessorCount),
                data is null ? null : HostPaths.Directory(data, "--data"), cache is null ? null : HostPaths.Directory(cache, "--mnist-cache"),
                scratch is null ? null : HostPaths.WritableDirectory(scratch, "--scratch"));
            Cluster.ClusterHosts.ProbeFromWorker(cluster, cancellation).GetAwaiter().GetResult();
            using var host = Cluster.ClusterHosts.Worker(catalog, options, cluster, siloPort, gatewayPort, listen);
            try
            {
                host.StartAsync(cancellation).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new EvoDslException($"the worker could not start its silo on ports {siloPort}/{gatewayPort} in the cluster at {Cluster.ClusterHosts.Describe(cluster)}: {e.GetBaseException().Message}", e);
            }
            console.MarkupLine(Markup.Escape($"worker: silo {listen}:{siloPort}, gateway {listen}:{gatewayPort}, cluster {Cluster.ClusterHosts.Describe(cluster)}, {options.Threads} thread(s); Ctrl+C stops it"));
            cancellation.WaitHandle.WaitOne();
            host.StopAsync().GetAwaiter().GetResult();
            return false;
        });

    private static int Sweep(IReadOnlyList<ExperimentDescriptor> catalog, IAnsiConsole console, string[] names, string seedText, int? steps,
        string clusterText, string resultsText, string? data) =>
        Interruptible(console, cancellation =>
        {
            ExperimentDescriptor[] experiments = [.. names.Select(name => Find(catalog, name))];
            int[] seeds = SeedList(seedText);
            Cluster.ClusterAddress cluster = Cluster.ClusterAddress.Parse(clusterText, "--cluster", worker: false);
            string results = HostPaths.WritableDirectory(resultsText, "--results");
            string? dataDirectory = data is null ? null : HostPaths.Directory(data, "--data");
            string sha256 = ExperimentRunner.DataSha256(dataDirectory);
            var jobs = new List<Cluster.ClusterSweep.Job>();
            foreach (ExperimentDescriptor experiment in experiments)
            {
                foreach (int seed in seeds)
                {
                    string output = Path.Combine(results, experiment.Name, $"seed-{seed}");
                    int target = steps ?? experiment.Run.Steps;
                    if (ExperimentRunner.EarlierRunSteps(output, experiment).Completed >= target)
                    {
                        console.MarkupLine(Markup.Escape($"{experiment.Name} seed {seed}: finished in {output}"));
                        continue;
                    }
                    jobs.Add(new(experiment.Name, seed, target, output, Checkpoint.Fingerprint(experiment, seed, experiment.Data is null ? null : sha256).ToJsonString()));
                }
            }
            using var client = Cluster.ClusterHosts.Client(cluster, cancellation).GetAwaiter().GetResult();
            var sweep = new Cluster.ClusterSweep(client.Services.GetRequiredService<IClusterClient>(), line => console.MarkupLine(Markup.Escape(line)));
            sweep.Run(jobs, cancellation).GetAwaiter().GetResult();
            console.MarkupLine(Markup.Escape($"{jobs.Count} run(s) finished; results in {results}"));
            return false;
        });

    /// <summary>"1-3" or "1,4,9".</summary>
    private static int[] SeedList(string text)
    {
        static int Seed(string part, string text) => int.TryParse(part.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed)
            ? seed
            : throw new EvoDslException($"--seeds '{text}' is not a list of seeds; write 1-3 or 1,4,9");
        string[] range = text.Split('-', 2);
        if (range.Length == 2 && range[0].Length > 0)
        {
            int from = Seed(range[0], text), to = Seed(range[1], text);
            return to >= from ? [.. Enumerable.Range(from, to - from + 1)]
                : throw new EvoDslException($"--seeds '{text}' runs backwards; write the smaller seed first");
        }
        return [.. text.Split(',').Select(part => Seed(part, text)).Distinct()];
    }

    /// <summary>Exit codes of a run stopped by a signal, as shells report them: 128 + the signal's number.</summary>
    public const int InterruptedExitCode = 130, TerminatedExitCode = 143;

    /// <summary>
    /// Runs <paramref name="work"/> with Ctrl+C and SIGTERM turned into a cancellation (the current step
    /// finishes, the run checkpoints and writes its results, the exit code is 130 or 143); a second signal
    /// exits at once (the last checkpoint stays). A user error prints one line and returns 2. SIGTERM too,
    /// because a run started in the background by a script ignores SIGINT.
    /// </summary>
    /// <param name="work">Returns whether it was interrupted (stopped before its end by the cancellation).</param>
    private static int Interruptible(IAnsiConsole console, Func<CancellationToken, bool> work)
    {
        using var cancellation = new CancellationTokenSource();
        int signalled = 0; // the exit code of the first signal, 0 while none came
        void Stop(int exitCode)
        {
            // The progress line on a terminal has no newline yet: start on a fresh one.
            string fresh = Console.IsOutputRedirected ? "" : "\n";
            if (Interlocked.CompareExchange(ref signalled, exitCode, 0) != 0)
            {
                console.MarkupLine(fresh + "[red]stopped at once[/] (second signal); the results folder keeps its last checkpoint, if one was written");
                Environment.Exit(exitCode);
            }
            console.MarkupLine(fresh + "[yellow]stopping after the current step[/] and writing the results; Ctrl+C again (or a second SIGTERM) stops at once");
            cancellation.Cancel();
        }
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Stop(InterruptedExitCode);
        };
        using var onTerminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Stop(TerminatedExitCode);
            });
        Console.CancelKeyPress += onCancel;
        try
        {
            return work(cancellation.Token) ? signalled : 0; // a signal after the last step changed nothing: exit 0
        }
        catch (OperationCanceledException e) when (cancellation.IsCancellationRequested)
        {
            console.MarkupLine(Markup.Escape(e.Message));
            return signalled;
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
