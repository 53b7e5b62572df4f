namespace Monitor.Control.Tui.Contexts;

/// <summary>State of a list pane without any screen: items, text filter (only matching rows), sort column and order,
/// selection. Everything a view needs to draw rows; unit-testable on its own.</summary>
public sealed class ListContext<T>(IReadOnlyList<Column<T>> columns, Func<T, string> identity)
{
    private IReadOnlyList<T> _items = [];
    private List<T> _visible = [];

    public IReadOnlyList<Column<T>> Columns { get; } = columns;
    public string Filter { get; private set; } = "";
    public int? SortColumn { get; private set; }
    public bool SortDescending { get; private set; }
    public int SelectedIndex { get; private set; }
    public IReadOnlyList<T> Visible => _visible;
    public IReadOnlyList<T> Items => _items;
    public T? Selected => SelectedIndex >= 0 && SelectedIndex < _visible.Count ? _visible[SelectedIndex] : default;

    /// <summary>Replaces the items and keeps the same item selected (by identity) when it is still there.</summary>
    public void SetItems(IReadOnlyList<T> items)
    {
        var keep = Selected is { } s ? identity(s) : null;
        _items = items;
        Rebuild(keep);
    }

    public void SetFilter(string filter)
    {
        var keep = Selected is { } s ? identity(s) : null;
        Filter = filter.Trim();
        Rebuild(keep);
    }

    /// <summary>Sorts by the next column (wrapping to "natural order").</summary>
    public void CycleSortColumn()
    {
        SortColumn = SortColumn is null ? 0 : SortColumn + 1 < Columns.Count ? SortColumn + 1 : null;
        Rebuild(Selected is { } s ? identity(s) : null);
    }

    public void SortBy(int column, bool descending)
    {
        SortColumn = column;
        SortDescending = descending;
        Rebuild(Selected is { } s ? identity(s) : null);
    }

    public void ToggleSortOrder()
    {
        SortDescending = !SortDescending;
        Rebuild(Selected is { } s ? identity(s) : null);
    }

    public void Move(int delta) => Select(SelectedIndex + delta);

    public void Select(int index) => SelectedIndex = _visible.Count == 0 ? 0 : Math.Clamp(index, 0, _visible.Count - 1);

    public bool SelectBy(string id)
    {
        var i = _visible.FindIndex(x => string.Equals(identity(x), id, StringComparison.OrdinalIgnoreCase));
        if (i < 0) return false;
        SelectedIndex = i;
        return true;
    }

    public string HeaderText(int width) => Fit(Columns.Select(c => c.Header), width, sortMark: true);

    public string RowText(T item, int width) => Fit(Columns.Select(c => c.Text(item)), width, sortMark: false);

    private string Fit(IEnumerable<string> cells, int width, bool sortMark)
    {
        var parts = new List<string>();
        var i = 0;
        var used = 0;
        foreach (var cell in cells)
        {
            var column = Columns[i];
            var text = Monitor.Shared.Text.TerminalText.Escape(cell);
            if (sortMark && SortColumn == i) text += SortDescending ? "↓" : "↑";
            var w = column.Width > 0 ? column.Width : Math.Max(1, width - used);
            parts.Add(Pad(text, w));
            used += w + 1;
            i++;
        }
        var line = string.Join(" ", parts);
        return line.Length > width ? line[..width] : line;
    }

    private static string Pad(string text, int width) =>
        text.Length > width ? (width > 1 ? text[..(width - 1)] + "…" : text[..width]) : text.PadRight(width);

    private void Rebuild(string? keepId)
    {
        IEnumerable<T> rows = _items;
        if (Filter.Length > 0)
            rows = rows.Where(r => Columns.Any(c => c.Text(r).Contains(Filter, StringComparison.OrdinalIgnoreCase)));
        if (SortColumn is { } col)
        {
            var column = Columns[col];
            rows = SortDescending
                ? rows.OrderByDescending(column.KeyOf, NullSafeComparer.Instance)
                : rows.OrderBy(column.KeyOf, NullSafeComparer.Instance);
        }
        _visible = rows.ToList();
        if (keepId is null || !SelectBy(keepId)) Select(SelectedIndex);
    }

    private sealed class NullSafeComparer : IComparer<IComparable?>
    {
        public static readonly NullSafeComparer Instance = new();

        public int Compare(IComparable? x, IComparable? y) =>
            x is null ? (y is null ? 0 : -1) : y is null ? 1 : x.GetType() == y.GetType()
                ? x.CompareTo(y)
                : string.CompareOrdinal(x.ToString(), y.ToString());
    }
}
