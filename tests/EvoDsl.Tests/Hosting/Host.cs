using EvoDsl.Generated;
using EvoDsl.Hosting;
using Spectre.Console;

namespace EvoDsl.Tests.Hosting;

/// <summary>The command line as a user meets it, on the test assembly's catalog, with its output captured.</summary>
internal static class Host
{
    public static (int ExitCode, string Output) Run(params string[] args) => RunOn(ExperimentCatalog.All, args);

    /// <summary>The command line on <paramref name="catalog"/> instead of the test assembly's.</summary>
    public static (int ExitCode, string Output) RunOn(IReadOnlyList<ExperimentDescriptor> catalog, params string[] args)
    {
        var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        int exitCode = EvoDslHost.Run(args, catalog, console);
        return (exitCode, text.ToString());
    }

    /// <summary>The experiments' own runner (EvoDsl.Experiments.dll), which the solution builds in this test assembly's configuration.</summary>
    public static string ExperimentsRunner()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/CONFIGURATION/net10.0/
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string dll = Path.Combine(directory.FullName, "experiments", "EvoDsl.Experiments", "bin", configuration, "net10.0", "EvoDsl.Experiments.dll");
            if (File.Exists(Path.Combine(directory.FullName, "EvoDsl.sln")))
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"build the solution first: {dll} is missing");
        }
        throw new InvalidOperationException("EvoDsl.sln not found above " + AppContext.BaseDirectory);
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
