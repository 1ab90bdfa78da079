using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using EvoDsl;
using EvoDsl.Benchmarks.Gate;

// dotnet run -c Release --project benchmarks/EvoDsl.Benchmarks -- [--ci] <BenchmarkDotNet args>  run benchmarks
//                                                              -- compare [--threshold 0.25] [REPORT.json ...]
//                                                              -- baseline [REPORT.json ...]    record this machine class's baseline (benchmarks/baselines/)
try
{
    return args switch
    {
        ["compare", .. var rest] => GateCommands.Compare(rest),
        ["baseline", .. var rest] => GateCommands.RefreshBaseline(rest),
        _ => RunBenchmarks(args),
    };
}
catch (EvoDslException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static int RunBenchmarks(string[] args)
{
    IConfig config = DefaultConfig.Instance.AddExporter(JsonExporter.Full).AddColumn(new EvoDsl.Benchmarks.GenotypeSamplesColumn());
    if (args.Contains("--ci"))
    {
        // Short: enough samples for a 25% gate, minutes not tens of minutes. Out of process, because
        // the in-process toolchain's own threads show up as allocations in the memory diagnoser.
        config = config.AddJob(Job.Default
            .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9)
            .AsDefault());
        args = args.Where(a => a != "--ci").ToArray();
    }
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(GateCommands).Assembly).Run(args, config);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
