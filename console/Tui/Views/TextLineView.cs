using Terminal.Gui.ViewBase;
using Monitor.Control.Tui.Input;

namespace Monitor.Control.Tui.Views;

/// <summary>A one-row bar (header or status line) drawing text supplied by a function at draw time. Text between
/// <see cref="KeyBindingTable.DimStart"/> and <see cref="KeyBindingTable.DimEnd"/> is drawn dimmed (keys the role forbids).</summary>
public sealed class TextLineView(Func<(string Text, Terminal.Gui.Drawing.Attribute Attribute)> content) : View
{
    /// <summary>Every cell of the line is painted below.</summary>
    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var (text, attribute) = content();
        var width = Viewport.Width;
        var driver = GetDriver();
        var column = 0;
        var start = 0;
        var runAttribute = attribute;
        for (var i = 0; i <= text.Length && column < width; i++)
        {
            if (i < text.Length && text[i] is not (KeyBindingTable.DimStart or KeyBindingTable.DimEnd)) continue;
            var length = Math.Min(i - start, width - column);
            if (length > 0) CellWriter.Write(this, driver, column, 0, text, start, length, length, runAttribute);
            column += length;
            if (i < text.Length) runAttribute = text[i] == KeyBindingTable.DimStart ? Palette.BarDimmed : attribute;
            start = i + 1;
        }
        if (column < width) CellWriter.Write(this, driver, column, 0, "", 0, 0, width - column, attribute);
        return true;
    }
}
