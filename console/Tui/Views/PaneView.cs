using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Views;

/// <summary>A bordered pane whose title shows whether it has the (TUI-managed) focus.</summary>
public abstract class PaneView : View
{
    private string _caption = "";
    private bool _active;

    protected PaneView()
    {
        BorderStyle = LineStyle.Single;
        CanFocus = false;
    }

    public string Caption
    {
        get => _caption;
        set { _caption = value; UpdateTitle(); }
    }

    public bool Active
    {
        get => _active;
        set { _active = value; UpdateTitle(); SetNeedsDraw(); }
    }

    /// <summary>Subclasses paint every cell of every row (<see cref="Write"/> pads), so clearing first would only
    /// draw each cell twice.</summary>
    protected override bool OnClearingViewport() => true;

    private void UpdateTitle()
    {
        var title = _active ? $"▶{_caption}◀" : _caption;
        if (title != Title) Title = title; // an unchanged title costs no border redraw
    }

    protected void Write(int x, int y, string text, Terminal.Gui.Drawing.Attribute attribute, int width)
    {
        SetAttribute(attribute);
        var t = text.Length > width ? text[..Math.Max(0, width)] : text.PadRight(width);
        AddStr(x, y, t);
    }
}
