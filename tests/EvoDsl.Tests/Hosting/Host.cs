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
}
