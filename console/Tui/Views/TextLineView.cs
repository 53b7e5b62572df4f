using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Views;

/// <summary>A one-row bar (header or status line) drawing text supplied by a function at draw time.</summary>
public sealed class TextLineView(Func<(string Text, Terminal.Gui.Drawing.Attribute Attribute)> content) : View
{
    protected override bool OnDrawingContent(DrawContext? context)
    {
        var (text, attribute) = content();
        SetAttribute(attribute);
        var width = Viewport.Width;
        AddStr(0, 0, text.Length > width ? text[..width] : text.PadRight(width));
        return true;
    }
}
