using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Views;

/// <summary>A bordered box over the panes showing scrollable text: help, a history record, a confirmation question.</summary>
public sealed class OverlayView : View
{
    private IReadOnlyList<string> _lines = [];
    private int _top;

    public OverlayView()
    {
        BorderStyle = LineStyle.Double;
        Visible = false;
        CanFocus = false;
    }

    public void Show(string title, IReadOnlyList<string> lines)
    {
        Title = title;
        _lines = lines;
        _top = 0;
        Visible = true;
        SetNeedsDraw();
    }

    public void Hide()
    {
        Visible = false;
        SuperView?.SetNeedsDraw();
    }

    public void Scroll(int delta)
    {
        _top = Math.Clamp(_top + delta, 0, Math.Max(0, _lines.Count - Math.Max(1, Viewport.Height)));
        SetNeedsDraw();
    }

    /// <summary>Every row is painted in full below.</summary>
    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var driver = GetDriver();
        for (var y = 0; y < Viewport.Height; y++)
        {
            var i = _top + y;
            var text = i < _lines.Count ? _lines[i] : "";
            CellWriter.Write(this, driver, 0, y, text, 0, text.Length, width, Palette.Normal);
        }
        return true;
    }
}
