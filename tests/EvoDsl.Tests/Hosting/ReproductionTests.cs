using EvoDsl.Generated;
using EvoDsl.Hosting;
using EvoDsl.Tests.Data;
using Spectre.Console;
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
}
