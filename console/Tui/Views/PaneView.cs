using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Views;

/// <summary>A framed pane whose title shows whether it has the (TUI-managed) focus. The frame is drawn here, like
/// the content, through <see cref="CellWriter"/> (only changed cells are written): Terminal.Gui's own border would
/// redraw every frame cell, allocating, at each redraw of the pane. Subclasses draw inside the frame.</summary>
public abstract class PaneView : View
{
    private string _caption = "";
    private bool _active;
    private string _title = "";
    private (int Width, string Title, string Top, string Bottom) _frame = (-1, "", "", "");

    protected PaneView()
    {
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
        set { _active = value; UpdateTitle(); }
    }

    /// <summary>The title as the frame shows it (▶focused◀).</summary>
    public string FrameTitle => _title;

    /// <summary>Cells inside the frame.</summary>
    public int InnerWidth => Math.Max(0, Viewport.Width - 2);
    public int InnerHeight => Math.Max(0, Viewport.Height - 2);

    private void UpdateTitle()
    {
        var title = _active ? $"▶{_caption}◀" : _caption;
        if (title == _title) return;
        _title = title;
        SetNeedsDraw();
    }

    /// <summary>Subclasses paint every cell inside the frame (<see cref="Write"/> pads): nothing to clear first.</summary>
    protected override bool OnClearingViewport() => true;

    protected sealed override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var height = Viewport.Height;
        if (width < 2 || height < 2) return true;
        if (_frame.Width != width || !ReferenceEquals(_frame.Title, _title)) _frame = (width, _title, TopLine(width, _title), "└" + new string('─', width - 2) + "┘");
        var driver = GetDriver();
        CellWriter.Write(this, driver, 0, 0, _frame.Top, 0, width, width, Palette.Normal);
        for (var y = 1; y < height - 1; y++)
        {
            CellWriter.Write(this, driver, 0, y, "│", 0, 1, 1, Palette.Normal);
            CellWriter.Write(this, driver, width - 1, y, "│", 0, 1, 1, Palette.Normal);
        }
        CellWriter.Write(this, driver, 0, height - 1, _frame.Bottom, 0, width, width, Palette.Normal);
        if (InnerWidth > 0 && InnerHeight > 0) DrawInside(InnerWidth, InnerHeight);
        return true;
    }

    /// <summary>┌┤Title├────┐ (the title cut to fit).</summary>
    private static string TopLine(int width, string title)
    {
        var room = width - 4;
        if (room <= 0) return "┌" + new string('─', Math.Max(0, width - 2)) + "┐";
        var shown = title.Length > room ? title[..room] : title;
        return "┌┤" + shown + "├" + new string('─', room - shown.Length) + "┐";
    }

    /// <summary>Draws the content: <paramref name="width"/> × <paramref name="height"/> cells inside the frame.</summary>
    protected abstract void DrawInside(int width, int height);

    /// <summary>Writes a line inside the frame at (<paramref name="x"/>, <paramref name="y"/>), padded to
    /// <paramref name="width"/> cells; cells that already show it are left alone.</summary>
    protected void Write(int x, int y, string text, Terminal.Gui.Drawing.Attribute attribute, int width) =>
        CellWriter.Write(this, GetDriver(), x + 1, y + 1, text, 0, text.Length, width, attribute);

    /// <summary>Writes part of <paramref name="text"/> inside the frame (a highlighted match).</summary>
    protected void WriteSpan(int x, int y, string text, int from, int count, Terminal.Gui.Drawing.Attribute attribute) =>
        CellWriter.Write(this, GetDriver(), x + 1, y + 1, text, from, count, count, attribute);
}
