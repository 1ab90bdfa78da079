using System.Globalization;

namespace EvoDsl.Benchmarks.Gate;

/// <summary>The <c>compare</c> and <c>baseline</c> commands of the benchmarks project.</summary>
public static class GateCommands
{
    /// <summary>One baseline per machine class: a ratio to the calibration holds within a vector width, not across them.</summary>
    public const string BaselineDirectory = "benchmarks/baselines";

    /// <summary>"avx-512-2-cores": the file name of this machine class's baseline.</summary>
    public static string MachineClass() =>
        $"{EvoDsl.Kernels.MachineInfo.VectorInstructionSet.ToLowerInvariant().Replace(' ', '-')}-{Environment.ProcessorCount}-cores";

    public static string DefaultBaselinePath => Path.Combine(BaselineDirectory, MachineClass() + ".json");
    public const string DefaultResultsDirectory = "BenchmarkDotNet.Artifacts/results";

    /// <summary>compare [--threshold T] [--baseline PATH] [REPORT.json ...]: prints the table; exit 1 on a regression.</summary>
    public static int Compare(string[] args)
    {
        (double threshold, string baselinePath, string[] reports) = Parse(args);
        if (!File.Exists(baselinePath) && baselinePath == DefaultBaselinePath)
        {
            // Another class's baseline would pass a 2× regression as "faster" or fail a change that is not one.
            Console.WriteLine($"no baseline for this machine class ({MachineClass()}: {ThisMachine()}) in {BaselineDirectory}/; "
                + "the gate cannot judge this run. Record one on a quiet machine of this class with the baseline command (benchmarks/README.md).");
            return 0;
        }
        Baseline baseline = Baseline.Load(baselinePath);
        GateResult result = RegressionGate.Compare(baseline, BenchmarkReport.ReadAll(reports), threshold);
        Console.Write(result.ToTable());
        string machine = ThisMachine();
        if (baseline.Machine != machine)
        {
            // The kernels run at the machine's vector width, the calibration at TensorPrimitives', so a
            // ratio measured on one instruction set need not hold on another.
            Console.WriteLine($"note: the baseline was measured on '{baseline.Machine}', this is '{machine}'; " +
                "after a change of machine, refresh it with the baseline command (benchmarks/README.md)");
        }
        return result.Passed ? 0 : 1;
    }

    /// <summary>baseline [--baseline PATH] [REPORT.json ...]: writes the baseline from a run's reports.</summary>
    public static int RefreshBaseline(string[] args)
    {
        (_, string baselinePath, string[] reports) = Parse(args);
        Baseline baseline = RegressionGate.CreateBaseline(BenchmarkReport.ReadAll(reports), ThisMachine());
        baseline.Save(baselinePath);
        Console.WriteLine($"wrote {baselinePath} with {baseline.Benchmarks.Count} benchmarks from {string.Join(", ", reports)}");
        return 0;
    }

    /// <summary>Cores, widest vector instruction set and OS: what the normalized times depend on.</summary>
    public static string ThisMachine()
    {
        return $"{Environment.ProcessorCount} cores, {EvoDsl.Kernels.MachineInfo.VectorInstructionSet}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    private static (double Threshold, string Baseline, string[] Reports) Parse(string[] args)
    {
        double threshold = RegressionGate.DefaultThreshold;
        string baseline = DefaultBaselinePath;
        var reports = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threshold" when i + 1 < args.Length:
                    if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || threshold <= 0)
                        throw new EvoDslException($"--threshold must be a positive fraction such as 0.25, got '{args[i]}'");
                    break;
                case "--baseline" when i + 1 < args.Length:
                    baseline = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new EvoDslException($"unknown option '{option}'; use --threshold T, --baseline PATH and report paths");
                default:
                    reports.Add(args[i]);
                    break;
            }
        }
        if (reports.Count == 0)
        {
            if (!Directory.Exists(DefaultResultsDirectory))
                throw new EvoDslException($"no reports given and '{DefaultResultsDirectory}' does not exist; run the benchmarks first");
            reports.AddRange(Directory.GetFiles(DefaultResultsDirectory, "*-report-full.json"));
            if (reports.Count == 0)
                throw new EvoDslException($"'{DefaultResultsDirectory}' holds no *-report-full.json; run the benchmarks first");
        }
        return (threshold, baseline, reports.ToArray());
    }
}
