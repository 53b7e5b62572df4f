using System.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Monitor.Control.Tui.Views;

/// <summary>
/// Writes a line of text into a view, but only the cells whose character or colour differ from what the screen buffer
/// already holds there. Terminal.Gui allocates about 1 KB per cell written (grapheme parsing), so redrawing a pane
/// whose rows did not change used to cost a megabyte and a gen-0 collection every few keys; comparing first costs
/// nothing. Cells are only compared when every character of the line takes exactly one cell; otherwise (wide or
/// combining characters, an unknown buffer) the whole line is written as before.
/// </summary>
public static class CellWriter
{
    /// <summary>Writes <paramref name="count"/> characters of <paramref name="text"/> from <paramref name="from"/> at
    /// (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="view"/>'s viewport, then spaces up to
    /// <paramref name="width"/> cells.</summary>
    public static void Write(View view, IDriver? driver, int x, int y, string text, int from, int count, int width, Attribute attribute)
    {
        if (width <= 0) return;
        count = Math.Clamp(Math.Min(count, text.Length - from), 0, width);
        var first = 0;
        var last = width - 1;
        if (TryFindChange(view, driver, x, y, text, from, count, width, attribute, out var f, out var l))
        {
            if (f > l) return; // every cell already shows this
            first = f;
            last = l;
        }
        view.SetAttribute(attribute);
        view.AddStr(x + first, y, Slice(text, from, count, first, last));
    }

    /// <summary>The first and last cell that differ (first &gt; last: none); false when the cells cannot be compared.</summary>
    private static bool TryFindChange(View view, IDriver? driver, int x, int y, string text, int from, int count, int width,
        Attribute attribute, out int first, out int last)
    {
        first = 0;
        last = -1;
        var contents = driver?.Contents;
        if (contents is null) return false;
        var at = view.ViewportToScreen(new Point(x, y));
        if (at.Y < 0 || at.Y >= contents.GetLength(0) || at.X < 0 || at.X + width > contents.GetLength(1)) return false;
        for (var i = 0; i < count; i++)
            if (!OneCell(text[from + i])) return false;
        first = width;
        for (var i = 0; i < width; i++)
        {
            var c = i < count ? text[from + i] : ' ';
            ref readonly var cell = ref contents[at.Y, at.X + i];
            if (cell.Attribute == attribute && cell.Grapheme is { Length: 1 } g && g[0] == c) continue;
            if (i < first) first = i;
            last = i;
        }
        return true;
    }

    /// <summary>Characters that always take one cell (ASCII, Latin, general punctuation, arrows, box drawing and
    /// blocks, the pane markers); anything else is left to Terminal.Gui's own width rules.</summary>
    private static bool OneCell(char c) =>
        c is (>= ' ' and <= '~') or (>= '\u00A0' and < '\u0300' and not '\u00AD') or (>= '\u2010' and <= '\u2027')
            or (>= '\u2190' and <= '\u21FF') or (>= '\u2500' and <= '\u259F') or '\u25B6' or '\u25C0';

    private static string Slice(string text, int from, int count, int first, int last) =>
        string.Create(last - first + 1, (text, from, count, first), static (span, s) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var column = s.first + i;
                span[i] = column < s.count ? s.text[s.from + column] : ' ';
            }
        });
}
