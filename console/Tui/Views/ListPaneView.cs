using Monitor.Control.Tui.Contexts;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Views;

/// <summary>Draws a <see cref="ListContext{T}"/>: a header row and the visible rows, the selected one highlighted and
/// kept in view. <see cref="EmptyText"/> is drawn when there are no rows.</summary>
public sealed class ListPaneView<T>(ListContext<T> list) : PaneView
{
    private int _top;

    public string EmptyText { get; set; } = "(nothing)";

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var height = Viewport.Height;
        if (width <= 0 || height <= 0) return true;
        Write(0, 0, list.HeaderText(width), Palette.Header, width);
        var rowsHeight = height - 1;
        var rows = list.Visible;
        if (rows.Count == 0)
        {
            Write(0, 1, EmptyText, Palette.Normal, width);
            for (var y = 2; y < height; y++) Write(0, y, "", Palette.Normal, width);
            return true;
        }
        var selected = list.SelectedIndex;
        if (selected < _top) _top = selected;
        if (selected >= _top + rowsHeight) _top = selected - rowsHeight + 1;
        _top = Math.Clamp(_top, 0, Math.Max(0, rows.Count - rowsHeight));
        for (var y = 0; y < rowsHeight; y++)
        {
            var i = _top + y;
            if (i >= rows.Count) { Write(0, y + 1, "", Palette.Normal, width); continue; }
            var attr = i == selected ? (Active ? Palette.Selected : Palette.SelectedDim) : Palette.Normal;
            Write(0, y + 1, list.RowText(rows[i], width), attr, width);
        }
        return true;
    }
}
