using System.Globalization;

namespace EvoDsl.Hosting;

/// <summary>Where a paper reports a result: the paper (its number in the seeds folder), the table or figure, and the cell.</summary>
/// <param name="Row">The table's row, or the quantity a figure or the text describes.</param>
/// <param name="Column">The table's column; null for a figure or the text.</param>
public sealed record PaperSource(string Paper, string Place, string Row, string? Column = null);

/// <summary>A value as a paper reports it; <see cref="Text"/> is how a results page prints it in the paper's column.</summary>
public abstract record ReportedValue
{
    public abstract string Text { get; }

    private protected static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A test accuracy in percent, with the ± over seeds where the paper gives one, and the value the paper's text gives where it differs from its table.</summary>
public sealed record ReportedPercent(double Value, double? PlusMinus = null, double? InText = null) : ReportedValue
{
    public override string Text =>
        Number(Value) + (PlusMinus is { } spread ? $" ± {Number(spread)}" : "") + (InText is { } text ? $" ({Number(text)} in the text)" : "");
}

/// <summary>Mutual information the paper describes rather than prints: a trend toward, or a value near, some bits (e.g. log₂ 4 = 2).</summary>
public sealed record ReportedBits(string Trend, double Bits, string? Expression = null) : ReportedValue
{
    public override string Text => $"{Trend} {(Expression is null ? "" : Expression + " = ")}{Number(Bits)} {(Bits == 1 ? "bit" : "bits")}";
}

/// <summary>A claim the paper makes without a number: an ordering, a trend.</summary>
public sealed record ReportedClaim(string Claim) : ReportedValue
{
    public override string Text => Claim;
}

/// <summary>One result of a paper, where it reports it, and the declared experiments whose runs are set beside it (none for a phenomenon computed in the library).</summary>
public sealed record PaperResult(PaperSource Source, ReportedValue Value, IReadOnlyList<string> ReproducedBy)
{
    /// <summary>The one declared experiment of a table's cell.</summary>
    public string Experiment => ReproducedBy is [var one]
        ? one
        : throw new InvalidOperationException($"{Source.Place}, {Source.Row}: reproduced by {ReproducedBy.Count} experiments, not one");
}

/// <summary>
/// One <c>reproduce</c> target, declared once in <see cref="Reproduction.Targets"/>: its name on the command line,
/// its page's title, what the paper reports (each result with its source and the declared experiments that
/// reproduce it), and the method that runs those experiments and writes the page.
/// </summary>
public sealed record ReproductionTarget(string Name, string Title, IReadOnlyList<PaperResult> Paper,
    Func<Reproduction, ReproductionTarget, CancellationToken, string> Page)
{
    /// <summary>The declared experiments the page runs, each once, in the order of <see cref="Paper"/>.</summary>
    public IReadOnlyList<string> Experiments => [.. Paper.SelectMany(p => p.ReproducedBy).Distinct()];

    /// <summary>The paper's result at <paramref name="row"/> (and <paramref name="column"/>).</summary>
    public PaperResult Reported(string row, string? column = null) =>
        Paper.SingleOrDefault(p => p.Source.Row == row && p.Source.Column == column)
        ?? throw new InvalidOperationException($"target '{Name}' declares no paper result at '{row}'{(column is null ? "" : $", '{column}'")}");
}
