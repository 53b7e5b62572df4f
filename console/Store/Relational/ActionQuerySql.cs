using Monitor.Shared.Models;

namespace Monitor.Control.Store.Relational;

/// <summary>Turns an <see cref="ActionQuery"/> into one SELECT with named parameters (same text on every backend).
/// Every sort walks an index in order: keyset paging (<see cref="ActionQuery.AfterId"/>) compares (sort key, id) with
/// the cursor row's, and a nullable sort key is read in two parts (non-null values in order, then nulls by id) so
/// "nulls last" in either direction never forces a sort of the whole table.</summary>
internal static class ActionQuerySql
{
    /// <summary>The query that reads the cursor row's sort key (run first when <see cref="ActionQuery.AfterId"/> is set
    /// and the sort is not by id).</summary>
    public static string CursorValue(ActionSortField field) =>
        $"SELECT {ActionSortColumns.For(field).Expression} FROM actions WHERE id = @after";

    /// <summary>The table's size for <see cref="ProbeCap"/> (ids are never reused, so the highest is an upper bound).</summary>
    public const string TableRows = "SELECT coalesce(max(id), 0) FROM actions";

    /// <summary>Rows the filters match, counted only up to <paramref name="cap"/> (through the filter's index).</summary>
    public static (string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters) CountUpTo(
        ActionQuery query, Func<DateTimeOffset, object> timeValue, int cap)
    {
        var (conditions, parameters) = Conditions(query, timeValue, hideFromIndexes: false);
        parameters.Add(new("@cap", cap));
        return ($"SELECT count(*) FROM (SELECT 1 FROM actions{Where(conditions, null)} LIMIT @cap) AS matched", parameters);
    }

    /// <summary>Whether the sort may need its own index walk when filters are present: id is in every filter index's
    /// order but the time window's (read by start), and a sort on a column the query also pins needs no choice.</summary>
    public static bool SortNeedsItsOwnIndex(ActionQuery query) =>
        query.Sort switch
        {
            ActionSortField.Id => query.Since is not null || query.Until is not null, // the time window is read by start
            ActionSortField.Server => query.Server is null,
            ActionSortField.Stack => query.Stack is null,
            ActionSortField.Type => query.Type is null,
            ActionSortField.User => query.User is null,
            ActionSortField.Success => query.Success is null,
            _ => true,
        } && (query.Server ?? query.Stack ?? query.Type ?? query.User ?? (object?)query.Success ?? query.Since ?? (object?)query.Until) is not null;

    /// <summary>The plan for a query: few matches (under <paramref name="cap"/>) are read through the filter's index
    /// and sorted; many are found by walking the sort's index in order.</summary>
    public static ActionQueryPlan Choose(long matchesUpToCap, int cap) =>
        matchesUpToCap < cap ? ActionQueryPlan.FilterMatches : ActionQueryPlan.SortIndex;

    /// <summary>The count cap: a sort-index walk reads about page × table / matches index entries, a filter read
    /// the matches and sorts them; a walked entry costs about a third of a sorted match (measured on both stores at a
    /// million rows), so they cost the same near sqrt(page × table) / 3: ~7,500 for a 500-row page of a million.</summary>
    public static int ProbeCap(ActionQuery query, long tableRows) =>
        (int)Math.Clamp(Math.Sqrt((double)Math.Max(1, query.Limit + query.Offset) * Math.Max(1, tableRows)) / 3, 1_000, 40_000);

    /// <summary>The query that finds the page. Both plans first pick the page's ids from an index that holds every
    /// filter and sort column (no table row is read for the filters or the sort) and then read only those rows.</summary>
    /// <param name="cursorValue">The cursor row's sort key (null when it is null or when paging by id).</param>
    /// <param name="unaryPlusHints">SQLite: steer the planner with <c>+column</c> (which no index matches): the
    /// filters when walking the sort's index, the sort key when reading the filter's matches. Elsewhere the matches
    /// are read in a MATERIALIZED common table expression, which no planner turns into a sort-index walk.</param>
    public static (string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters) Build(
        ActionQuery query, Func<DateTimeOffset, object> timeValue, object? cursorValue = null,
        ActionQueryPlan plan = ActionQueryPlan.SortIndex, bool unaryPlusHints = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));

        var filterMatches = plan == ActionQueryPlan.FilterMatches;
        var (conditions, parameters) = Conditions(query, timeValue, unaryPlusHints && !filterMatches);
        parameters.Add(new("@limit", query.Limit));
        parameters.Add(new("@offset", query.Offset));
        if (query.AfterId is { } after)
        {
            parameters.Add(new("@after", after));
            if (cursorValue is not null) parameters.Add(new("@cursor", cursorValue));
        }
        var pageIds = filterMatches ? MatchedPageIds(query, conditions, cursorValue, unaryPlusHints)
            : SortIndexPageIds(query, conditions, cursorValue);
        return ($"SELECT {ActionColumns.Select} FROM actions WHERE id IN ({pageIds}) " +
                ActionSortColumns.OrderBy(query.Sort, query.Descending), parameters);
    }

    /// <summary>Few matches: every match's id and sort key (read from the filter's covering index and materialised, so
    /// no planner walks the sort's index instead), sorted, the page taken.</summary>
    private static string MatchedPageIds(ActionQuery query, List<string> conditions, object? cursorValue, bool unaryPlusHints)
    {
        var direction = query.Descending ? "DESC" : "ASC";
        var beyond = query.Descending ? "<" : ">";
        var (expression, nullable) = ActionSortColumns.For(query.Sort);
        string? keyset = null;
        if (query.AfterId is not null)
        {
            keyset = expression == "id" ? $"id {beyond} @after"
                : cursorValue is null ? $"{expression} IS NULL AND id {beyond} @after"
                : nullable ? $"({expression} IS NULL OR ({expression}, id) {beyond} (@cursor, @after))"
                : $"({expression}, id) {beyond} (@cursor, @after)";
        }
        var nulls = nullable ? " NULLS LAST" : "";
        if (unaryPlusHints)
            return $"SELECT id FROM actions{Where(conditions, keyset)} " +
                   $"ORDER BY +{expression} {direction}{nulls}, id {direction} LIMIT @limit OFFSET @offset";
        return $"WITH matched AS MATERIALIZED (SELECT id, {expression} AS k FROM actions{Where(conditions, keyset)}) " +
               $"SELECT id FROM matched ORDER BY k {direction}{nulls}, id {direction} LIMIT @limit OFFSET @offset";
    }

    /// <summary>Many matches (or no filter): walk the sort's index in order. Past a cursor the walk is read in parts
    /// that each seek the index: the cursor's own key (ids beyond the cursor), keys beyond it, then (nullable keys) the
    /// nulls by id; each part reads at most limit + offset matches and only those few are merged, so neither "nulls
    /// last" nor a deep cursor ever makes a planner scan from the index's start (SQLite seeks a row-value comparison
    /// on its first column only).</summary>
    private static string SortIndexPageIds(ActionQuery query, List<string> conditions, object? cursorValue)
    {
        var direction = query.Descending ? "DESC" : "ASC";
        var beyond = query.Descending ? "<" : ">";
        var (expression, nullable) = ActionSortColumns.For(query.Sort);
        if (expression == "id")
        {
            var keyset = query.AfterId is null ? null : $"id {beyond} @after";
            return $"SELECT id FROM actions{Where(conditions, keyset)} ORDER BY id {direction} LIMIT @limit OFFSET @offset";
        }
        var order = $"ORDER BY {expression} {direction}, id {direction}";
        if (!nullable && query.AfterId is null)
            return $"SELECT id FROM actions{Where(conditions, null)} {order} LIMIT @limit OFFSET @offset";

        var parts = new List<string>();
        void Part(int part, IReadOnlyList<string> where, string partOrder) =>
            parts.Add($"SELECT {part} AS part, {expression} AS k, id FROM actions{Where([.. conditions, .. where], null)} " +
                      $"{partOrder} LIMIT @limit + @offset");
        var inNullPart = query.AfterId is not null && cursorValue is null;
        if (query.AfterId is null)
            Part(1, nullable ? [$"{expression} IS NOT NULL"] : [], order);
        else if (!inNullPart)
        {
            Part(0, [$"{expression} = @cursor", $"id {beyond} @after"], order);
            Part(1, [$"{expression} {beyond} @cursor"], order);
        }
        if (nullable)
            Part(2, inNullPart ? [$"{expression} IS NULL", $"id {beyond} @after"] : [$"{expression} IS NULL"], $"ORDER BY id {direction}");
        var union = string.Join(" UNION ALL ", parts.Select((p, i) => $"SELECT * FROM ({p}) AS p{i}"));
        return $"SELECT id FROM ({union}) AS pages ORDER BY part, k {direction}, id {direction} LIMIT @limit OFFSET @offset";
    }

    private static (List<string> Conditions, List<KeyValuePair<string, object>> Parameters) Conditions(
        ActionQuery query, Func<DateTimeOffset, object> timeValue, bool hideFromIndexes)
    {
        var conditions = new List<string>();
        var parameters = new List<KeyValuePair<string, object>>();
        var column = hideFromIndexes ? "+" : "";
        void Filter(string condition, string name, object? value)
        {
            if (value is null) return;
            conditions.Add(column + condition);
            parameters.Add(new(name, value));
        }

        Filter("server = @server", "@server", query.Server);
        Filter("stack = @stack", "@stack", query.Stack);
        Filter("type = @type", "@type", query.Type);
        Filter("user_name = @user", "@user", query.User);
        Filter("success = @success", "@success", query.Success);
        Filter("started >= @since", "@since", query.Since is { } since ? timeValue(StoreTime.Normalize(since)) : null);
        Filter("started < @until", "@until", query.Until is { } until ? timeValue(StoreTime.Normalize(until)) : null);
        return (conditions, parameters);
    }

    private static string Where(IReadOnlyList<string> conditions, string? keyset)
    {
        var all = keyset is null ? conditions : [.. conditions, keyset];
        return all.Count == 0 ? "" : " WHERE " + string.Join(" AND ", all);
    }
}
