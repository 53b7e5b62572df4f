using System.Text;

namespace Monitor.Control.Cli;

/// <summary>Aligned columns, two spaces apart, header first (like docker ps).</summary>
public static class TextTable
{
    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var all = new List<IReadOnlyList<string?>> { headers };
        all.AddRange(rows);
        var widths = new int[headers.Count];
        foreach (var row in all)
            for (var i = 0; i < widths.Length && i < row.Count; i++)
                widths[i] = Math.Max(widths[i], Clean(row[i]).Length);
        var text = new StringBuilder();
        foreach (var row in all)
        {
            var line = new StringBuilder();
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < row.Count ? Clean(row[i]) : "";
                line.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    private static string Clean(string? cell) => (cell ?? "-").ReplaceLineEndings(" ");
}
