namespace Monitor.Control.Tui.Contexts;

/// <summary>State of a list pane without any screen: items, text filter (only matching rows), sort column and order,
/// selection. Everything a view needs to draw rows; unit-testable on its own. The filter and sort are one immutable
/// <see cref="Arrangement"/>, so rows can be filtered and sorted off the UI thread (<see cref="Arrange"/>) and handed
/// over ready (<see cref="SetItems(IReadOnlyList{T}, IReadOnlyList{T}, ListArrangement)"/>).</summary>
public sealed class ListContext<T>(IReadOnlyList<Column<T>> columns, Func<T, string> identity)
{
    private IReadOnlyList<T> _items = [];
    private IReadOnlyList<T> _visible = [];

    public IReadOnlyList<Column<T>> Columns { get; } = columns;
    /// <summary>The filter and sort now; replaced (never changed) when either changes.</summary>
    public ListArrangement Arrangement { get; private set; } = ListArrangement.Natural;
    public string Filter => Arrangement.Filter;
    public int? SortColumn => Arrangement.SortColumn;
    public bool SortDescending => Arrangement.SortDescending;
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

    /// <summary>Replaces the items with <paramref name="visible"/> already arranged (off the UI thread) for
    /// <paramref name="arrangedFor"/>; when the filter or sort changed meanwhile, arranges them again here.</summary>
    public void SetItems(IReadOnlyList<T> items, IReadOnlyList<T> visible, ListArrangement arrangedFor)
    {
        if (!ReferenceEquals(arrangedFor, Arrangement)) { SetItems(items); return; }
        var keep = Selected is { } s ? identity(s) : null;
        _items = items;
        _visible = visible;
        Reselect(keep);
    }

    /// <summary>The rows of <paramref name="items"/> that <paramref name="arrangement"/> shows, in its order. Pure:
    /// safe on any thread while the columns' functions are.</summary>
    public IReadOnlyList<T> Arrange(IReadOnlyList<T> items, ListArrangement arrangement)
    {
        IEnumerable<T> rows = items;
        var filter = arrangement.Filter;
        if (filter.Length > 0)
            rows = rows.Where(r => Columns.Any(c => c.Text(r).Contains(filter, StringComparison.OrdinalIgnoreCase)));
        if (arrangement.SortColumn is { } col)
        {
            var column = Columns[col];
            rows = arrangement.SortDescending
                ? rows.OrderByDescending(column.KeyOf, NullSafeComparer.Instance)
                : rows.OrderBy(column.KeyOf, NullSafeComparer.Instance);
        }
        return rows.ToArray();
    }

    public void SetFilter(string filter) => Rearrange(Arrangement with { Filter = filter.Trim() });

    /// <summary>Sorts by the next column (wrapping to "natural order").</summary>
    public void CycleSortColumn() =>
        Rearrange(Arrangement with { SortColumn = SortColumn is null ? 0 : SortColumn + 1 < Columns.Count ? SortColumn + 1 : null });

    public void SortBy(int column, bool descending) => Rearrange(Arrangement with { SortColumn = column, SortDescending = descending });

    public void ToggleSortOrder() => Rearrange(Arrangement with { SortDescending = !SortDescending });

    private void Rearrange(ListArrangement arrangement)
    {
        var keep = Selected is { } s ? identity(s) : null;
        Arrangement = arrangement;
        Rebuild(keep);
    }

    public void Move(int delta) => Select(SelectedIndex + delta);

    public void Select(int index) => SelectedIndex = _visible.Count == 0 ? 0 : Math.Clamp(index, 0, _visible.Count - 1);

    public bool SelectBy(string id)
    {
        for (var i = 0; i < _visible.Count; i++)
        {
            if (!string.Equals(identity(_visible[i]), id, StringComparison.OrdinalIgnoreCase)) continue;
            SelectedIndex = i;
            return true;
        }
        return false;
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
        _visible = Arrange(_items, Arrangement);
        Reselect(keepId);
    }

    private void Reselect(string? keepId)
    {
        // Usually the selected row is still where it was: check there before searching.
        if (keepId is not null && SelectedIndex < _visible.Count
            && string.Equals(identity(_visible[SelectedIndex]), keepId, StringComparison.OrdinalIgnoreCase)) return;
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
