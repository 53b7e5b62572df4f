using Monitor.Control.Tui.Contexts;
using Terminal.Gui.ViewBase;

namespace Monitor.Control.Tui.Views;

/// <summary>Draws a <see cref="ListContext{T}"/>: a header row and the visible rows, the selected one highlighted and
/// kept in view. <see cref="EmptyText"/> is drawn when there are no rows. Remembers what it drew, so new items that
/// change nothing on screen (<see cref="ShowsStaleRows"/>) cost no redraw.</summary>
public sealed class ListPaneView<T>(ListContext<T> list) : PaneView
{
    private int _top;
    private T[] _drawn = [];
    private int _drawnCount = -1;
    private int _drawnSelected = -1;
    private string? _drawnHeader;

    public string EmptyText { get; set; } = "(nothing)";

    /// <summary>True when the rows now in view (or the selection, the header, the row count) differ from the ones
    /// last drawn: the pane needs a redraw. Rows are compared with their equality (records: by value).</summary>
    public bool ShowsStaleRows()
    {
        var rows = list.Visible;
        var rowsHeight = InnerHeight - 1;
        if (NeedsDraw) return true;
        if (rowsHeight <= 0) return false;
        if (_drawnCount < 0 || (rows.Count == 0) != (_drawnCount == 0) || list.SelectedIndex != _drawnSelected
            || list.HeaderText(InnerWidth) != _drawnHeader) return true;
        var top = TopFor(list.SelectedIndex, rows.Count, rowsHeight);
        if (top != _top) return true;
        var comparer = EqualityComparer<T>.Default;
        for (var y = 0; y < rowsHeight; y++)
        {
            var i = top + y;
            var inView = i < rows.Count;
            var wasDrawn = y < _drawn.Length && y < _drawnCount - _top;
            if (inView != wasDrawn) return true;
            if (inView && !comparer.Equals(rows[i], _drawn[y])) return true;
        }
        return false;
    }

    /// <summary>Marks the pane for redrawing only when <see cref="ShowsStaleRows"/>; returns whether it did.</summary>
    public bool RedrawIfStale()
    {
        if (!ShowsStaleRows()) return false;
        SetNeedsDraw();
        return true;
    }

    private int TopFor(int selected, int count, int rowsHeight)
    {
        var top = _top;
        if (selected < top) top = selected;
        if (selected >= top + rowsHeight) top = selected - rowsHeight + 1;
        return Math.Clamp(top, 0, Math.Max(0, count - rowsHeight));
    }

    protected override void DrawInside(int width, int height)
    {
        _drawnHeader = list.HeaderText(width);
        Write(0, 0, _drawnHeader, Palette.Header, width);
        var rowsHeight = height - 1;
        var rows = list.Visible;
        _drawnCount = rows.Count;
        _drawnSelected = list.SelectedIndex;
        if (_drawn.Length != Math.Max(0, rowsHeight)) _drawn = new T[Math.Max(0, rowsHeight)];
        if (rows.Count == 0)
        {
            Write(0, 1, EmptyText, Palette.Normal, width);
            for (var y = 2; y < height; y++) Write(0, y, "", Palette.Normal, width);
            return;
        }
        var selected = list.SelectedIndex;
        _top = TopFor(selected, rows.Count, rowsHeight);
        for (var y = 0; y < rowsHeight; y++)
        {
            var i = _top + y;
            if (i >= rows.Count) { _drawn[y] = default!; Write(0, y + 1, "", Palette.Normal, width); continue; }
            _drawn[y] = rows[i];
            var attr = i == selected ? (Active ? Palette.Selected : Palette.SelectedDim) : Palette.Normal;
            Write(0, y + 1, list.RowText(rows[i], width), attr, width);
        }
    }
}
