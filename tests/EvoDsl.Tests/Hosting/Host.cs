using EvoDsl.Generated;
using EvoDsl.Hosting;
using Spectre.Console;

namespace EvoDsl.Tests.Hosting;

/// <summary>The command line as a user meets it, on the test assembly's catalog, with its output captured.</summary>
internal static class Host
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        int exitCode = EvoDslHost.Run(args, ExperimentCatalog.All, console);
        return (exitCode, text.ToString());
    }

    /// <summary>metrics.csv without the runner's training-time column, the one column that differs run to run.</summary>
    public static string WithoutSeconds(string csv)
    {
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int seconds = Array.IndexOf(lines[0].Split(','), ExperimentRunner.SecondsColumn);
        Xunit.Assert.True(seconds >= 0, "metrics.csv has a seconds column");
        return string.Concat(lines.Select(line => string.Join(',', line.Split(',').Where((_, i) => i != seconds)) + "\n"));
    }
}
