using System.Globalization;
using Spectre.Console;

namespace EvoDsl.Hosting;

/// <summary>
/// Live progress of a run: step, score, last accuracies, rate and ETA. On a terminal it redraws one
/// status line; when output is redirected (CI, a log file) it prints a line at each evaluation and
/// at most every 10 seconds otherwise.
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly IAnsiConsole _console;
    private readonly bool _interactive;
    private readonly RunSettings _run;
    private DateTime _lastPrint = DateTime.MinValue;
    private string _lastEvaluation = "";

    public ProgressDisplay(IAnsiConsole console, RunSettings run)
    {
        _console = console;
        _run = run;
        _interactive = console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
    }

    public void Evaluated(int step, IReadOnlyList<Metric> metrics)
    {
        _lastEvaluation = string.Join("  ", metrics.Where(m => m.Name != _run.StepNoun).Take(4)
            .Select(m => $"{m.Name} {Format(m)}"));
        if (_interactive)
            ClearLine();
        _console.MarkupLine($"[grey]{step,7}[/]  {Markup.Escape(_lastEvaluation)}");
        _lastPrint = DateTime.UtcNow;
    }

    public void Stepped(int step, int total, double score, double rate, TimeSpan eta)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{_run.StepNoun} {step}/{total}  {_run.ScoreNoun} {score:F4}  {FormatRate(rate, _run.UnitNoun)}  ETA {FormatEta(eta)}");
        if (_interactive)
        {
            if ((DateTime.UtcNow - _lastPrint).TotalMilliseconds < 200 && step != total)
                return;
            ClearLine();
            Console.Write(line.Length < Console.WindowWidth ? line : line[..Math.Max(0, Console.WindowWidth - 1)]);
            _lastPrint = DateTime.UtcNow;
        }
        else if ((DateTime.UtcNow - _lastPrint).TotalSeconds >= 10)
        {
            _console.WriteLine(line);
            _lastPrint = DateTime.UtcNow;
        }
    }

    public void Finish()
    {
        if (_interactive)
            ClearLine();
    }

    private static void ClearLine() => Console.Write("\r\u001b[2K");

    private static string Format(Metric m) =>
        m.Name.Contains("accuracy", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{m.Value * 100:F2}%")
            : MetricsTable.Format(m.Value);

    /// <summary>"2.98M genotype-samples/s", "812.4k examples/s".</summary>
    public static string FormatRate(double perSecond, string unit) => perSecond switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F2}M {unit}/s"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:F1}k {unit}/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{perSecond:F0} {unit}/s"),
    };

    public static string FormatEta(TimeSpan eta) =>
        eta.TotalHours >= 1 ? $"{(int)eta.TotalHours}h{eta.Minutes:D2}m" : $"{eta.Minutes}m{eta.Seconds:D2}s";
}
