using System.Globalization;
using System.Text;

namespace EvoDsl.Data;

/// <summary>Parses and prints class lists such as "0-4" or "0-2,5", the form the DSL and the CLI use.</summary>
public static class DigitSet
{
    /// <summary>Largest class label an IDX label byte can hold.</summary>
    public const int MaxLabel = 255;

    private const string AcceptedForms =
        "use a label (\"3\"), a range (\"0-4\"), or a comma-separated list of those (\"0,1,7\", \"0-2,5\"), with labels 0..255";

    /// <summary>Returns the sorted, distinct labels named by <paramref name="text"/>.</summary>
    public static int[] Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new EvoDslException($"digit set is empty; {AcceptedForms}.");
        var seen = new bool[MaxLabel + 1];
        foreach (string rawPart in text.Split(','))
        {
            string part = rawPart.Trim();
            int dash = part.IndexOf('-');
            int first = ParseLabel(text, dash < 0 ? part : part[..dash]);
            int last = dash < 0 ? first : ParseLabel(text, part[(dash + 1)..]);
            if (last < first)
                throw new EvoDslException($"digit set '{text}' has the range '{part}' whose end is below its start; write it as '{last}-{first}'.");
            for (int label = first; label <= last; label++)
                seen[label] = true;
        }
        var digits = new List<int>();
        for (int label = 0; label <= MaxLabel; label++)
        {
            if (seen[label])
                digits.Add(label);
        }
        return [.. digits];
    }

    /// <summary>Canonical text for a label list: runs of three or more become ranges ("0-2,5"), pairs stay a list ("0,1,7").</summary>
    public static string Format(ReadOnlySpan<int> digits)
    {
        int[] sorted = digits.ToArray();
        Array.Sort(sorted);
        if (sorted.Length > 0 && (sorted[0] < 0 || sorted[^1] > MaxLabel))
            throw new ArgumentOutOfRangeException(nameof(digits), $"labels must be in 0..{MaxLabel}.");
        var text = new StringBuilder();
        int i = 0;
        while (i < sorted.Length)
        {
            int start = sorted[i];
            int end = start;
            while (i + 1 < sorted.Length && sorted[i + 1] <= end + 1)
                end = sorted[++i];
            i++;
            if (text.Length > 0)
                text.Append(',');
            text.Append(start.ToString(CultureInfo.InvariantCulture));
            if (end - start >= 2)
                text.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
            else if (end != start)
                text.Append(',').Append(end.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    private static int ParseLabel(string text, string token)
    {
        token = token.Trim();
        if (token.Length == 0 || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int label) || label > MaxLabel)
            throw new EvoDslException($"digit set '{text}' has '{token}', which is not a label 0..{MaxLabel}; {AcceptedForms}.");
        return label;
    }
}
