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
        var column = 0;
        var start = 0;
        SetAttribute(attribute);
        for (var i = 0; i <= text.Length && column < width; i++)
        {
            if (i < text.Length && text[i] is not (KeyBindingTable.DimStart or KeyBindingTable.DimEnd)) continue;
            var run = text[start..i];
            if (run.Length > width - column) run = run[..(width - column)];
            if (run.Length > 0) AddStr(column, 0, run);
            column += run.Length;
            if (i < text.Length) SetAttribute(text[i] == KeyBindingTable.DimStart ? Palette.BarDimmed : attribute);
            start = i + 1;
        }
        SetAttribute(attribute);
        if (column < width) AddStr(column, 0, new string(' ', width - column));
        return true;
    }
}
