using Monitor.Control.Tui.Contexts;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Views;

/// <summary>Draws a <see cref="LogContext"/>: the On/Off indicator bar, then the lines (stderr in red, search
/// matches highlighted).</summary>
public sealed class LogPaneView(LogContext log) : PaneView
{
    public string EmptyText { get; set; } = "Select a container and press Enter to follow its log.";

    protected override void DrawInside(int width, int height)
    {
        Write(0, 0, log.Indicators(), Palette.Indicator, width);
        var rows = log.Rows(height - 1, width);
        if (rows.Count == 0 && log.Buffer.Count == 0) Write(0, 1, EmptyText, Palette.Normal, width);
        var first = height - 1 - rows.Count;
        for (var y = 1; y < height; y++)
        {
            var r = y - 1 - first;
            if (r < 0 || r >= rows.Count) { if (!(rows.Count == 0 && log.Buffer.Count == 0 && y == 1)) Write(0, y, "", Palette.Normal, width); continue; }
            var row = rows[r];
            var attr = row.Stderr ? Palette.Stderr : Palette.Normal;
            Write(0, y, row.Text, attr, width);
            foreach (var (start, length) in row.Highlights)
            {
                if (start >= width) continue;
                WriteSpan(start, y, row.Text, start, Math.Min(length, width - start), Palette.Highlight);
            }
        }
    }
}
