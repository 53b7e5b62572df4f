using System.Globalization;
using System.Text;

namespace Monitor.Control.Tui.Contexts;

/// <summary>Line charts drawn with braille characters: each cell holds 2×4 dots, so a chart of W×H cells has 2W
/// columns and 4H rows of resolution. Pure (no Terminal.Gui): values in, text lines out. Missing values (null) leave a
/// gap. Hand-written: no maintained .NET library draws braille charts into plain strings.</summary>
public static class BrailleChart
{
    // Bit of the dot at (column 0|1, row 0..3) in a braille cell (U+2800 + bits); row 0 is the top.
    private static readonly int[,] Dots = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };

    /// <summary>Plots <paramref name="values"/> (oldest first) across the chart, resampled to 2×width columns,
    /// scaled from <paramref name="min"/> (bottom) to <paramref name="max"/> (top), consecutive points joined.</summary>
    public static IReadOnlyList<string> Render(IReadOnlyList<double?> values, int width, int height, double min, double max)
    {
        if (width < 1 || height < 1) return [];
        var cells = new int[height, width];
        var columns = width * 2;
        var rows = height * 4;
        var span = max > min ? max - min : 1;
        int? previous = null;
        for (var x = 0; x < columns && values.Count > 0; x++)
        {
            var index = values.Count >= columns ? (int)((long)x * values.Count / columns)
                : columns == 1 ? 0 : (int)Math.Round((double)x * (values.Count - 1) / (columns - 1));
            if (values[index] is not { } v || double.IsNaN(v)) { previous = null; continue; }
            var y = (int)Math.Round((Math.Clamp(v, min, max) - min) / span * (rows - 1)); // 0 = bottom
            var (from, to) = previous is { } p ? (Math.Min(p, y), Math.Max(p, y)) : (y, y);
            for (var dotY = from; dotY <= to; dotY++)
            {
                var top = rows - 1 - dotY;
                cells[top / 4, x / 2] |= Dots[x % 2, top % 4];
            }
            previous = y;
        }
        var lines = new string[height];
        var line = new StringBuilder(width);
        for (var r = 0; r < height; r++)
        {
            line.Clear();
            for (var c = 0; c < width; c++) line.Append(cells[r, c] == 0 ? ' ' : (char)(0x2800 + cells[r, c]));
            lines[r] = line.ToString();
        }
        return lines;
    }

    /// <summary>A titled chart with the scale on the left: "title  now X  max Y" then the plot with max/min labels.</summary>
    public static IReadOnlyList<string> Titled(string title, IReadOnlyList<double?> values, int width, int height, double min, double max, Func<double, string> format)
    {
        var known = values.OfType<double>().ToList();
        var summary = known.Count == 0 ? "no history yet" : $"now {format(known[^1])}  max {format(known.Max())}";
        var labels = new[] { format(max), format(min) };
        var labelWidth = labels.Max(l => l.Length);
        var plot = Render(values, Math.Max(1, width - labelWidth - 1), height, min, max);
        var lines = new List<string> { $"{title}  {summary}" };
        for (var i = 0; i < plot.Count; i++)
        {
            var label = i == 0 ? labels[0] : i == plot.Count - 1 ? labels[1] : "";
            lines.Add(label.PadLeft(labelWidth) + (i == 0 || i == plot.Count - 1 ? "┤" : "│") + plot[i]);
        }
        return lines;
    }

    /// <summary>The top of a chart's scale: at least <paramref name="floor"/>, else the maximum rounded up to 1, 2 or 5 × 10^n.</summary>
    public static double NiceMax(IEnumerable<double?> values, double floor)
    {
        var max = values.OfType<double>().DefaultIfEmpty(0).Max();
        if (max <= floor) return floor;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(m => m >= max);
    }

    public static string Number(double v) => v.ToString(v >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
