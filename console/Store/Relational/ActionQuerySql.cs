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

    /// <summary>Rows the filters match, counted only up to <paramref name="cap"/> (through the filter's index).</summary>
    public static (string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters) CountUpTo(
        ActionQuery query, Func<DateTimeOffset, object> timeValue, int cap)
    {
        var (conditions, parameters) = Conditions(query, timeValue, hideFromIndexes: false);
        parameters.Add(new("@cap", cap));
        return ($"SELECT count(*) FROM (SELECT 1 FROM actions{Where(conditions, null)} LIMIT @cap) AS matched", parameters);
    }

    /// <summary>Whether the sort may need its own index walk when filters are present: id is in every filter index's
    /// order and a sort on a column the query also pins needs no choice; start is not (no (success, started) index,
    /// and a time window with another filter has two candidate indexes).</summary>
    public static bool SortNeedsItsOwnIndex(ActionQuery query) =>
        query.Sort switch
        {
            ActionSortField.Id => false,
            ActionSortField.Server => query.Server is null,
            ActionSortField.Stack => query.Stack is null,
            ActionSortField.Type => query.Type is null,
            ActionSortField.User => query.User is null,
            ActionSortField.Success => query.Success is null,
            _ => true,
        } && (query.Server ?? query.Stack ?? query.Type ?? query.User ?? (object?)query.Success ?? query.Since ?? (object?)query.Until) is not null;

    /// <param name="cursorValue">The cursor row's sort key (null when it is null or when paging by id).</param>
    /// <param name="hideFiltersFromIndexes">SQLite: write the filters as <c>+column</c>, which keeps the planner off the
    /// filter indexes so it walks the sort's index in order (right when the filters match many rows).</param>
    public static (string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters) Build(
        ActionQuery query, Func<DateTimeOffset, object> timeValue, object? cursorValue = null, bool hideFiltersFromIndexes = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));

        var (conditions, parameters) = Conditions(query, timeValue, hideFiltersFromIndexes);
        parameters.Add(new("@limit", query.Limit));
        parameters.Add(new("@offset", query.Offset));
        if (query.AfterId is { } after)
        {
            parameters.Add(new("@after", after));
            if (cursorValue is not null) parameters.Add(new("@cursor", cursorValue));
        }

        var direction = query.Descending ? "DESC" : "ASC";
        var beyond = query.Descending ? "<" : ">";
        var (expression, nullable) = ActionSortColumns.For(query.Sort);
        var orderBy = ActionSortColumns.OrderBy(query.Sort, query.Descending);

        if (!nullable)
        {
            var keyset = query.AfterId is null ? null
                : expression == "id" ? $"id {beyond} @after" : $"({expression}, id) {beyond} (@cursor, @after)";
            return ($"SELECT {ActionColumns.Select} FROM actions{Where(conditions, keyset)} {orderBy} LIMIT @limit OFFSET @offset", parameters);
        }

        // Nullable key: the non-null part in key order, then the null part by id; each part reads at most
        // limit + offset rows from its index and only those few rows are merged.
        var inNullPart = query.AfterId is not null && cursorValue is null;
        var parts = new List<string>();
        if (!inNullPart)
        {
            var keyset = query.AfterId is null ? null : $"({expression}, id) {beyond} (@cursor, @after)";
            parts.Add($"SELECT 0 AS part, {ActionColumns.Select} FROM actions" +
                      $"{Where([.. conditions, $"{expression} IS NOT NULL"], keyset)} " +
                      $"ORDER BY {expression} {direction}, id {direction} LIMIT @limit + @offset");
        }
        var nullKeyset = inNullPart ? $"id {beyond} @after" : null;
        parts.Add($"SELECT 1 AS part, {ActionColumns.Select} FROM actions" +
                  $"{Where([.. conditions, $"{expression} IS NULL"], nullKeyset)} " +
                  $"ORDER BY id {direction} LIMIT @limit + @offset");
        var union = string.Join(" UNION ALL ", parts.Select((p, i) => $"SELECT * FROM ({p}) AS p{i}"));
        var sql = $"SELECT {ActionColumns.Select} FROM ({union}) AS pages " +
                  $"ORDER BY part, {expression} {direction}, id {direction} LIMIT @limit OFFSET @offset";
        return (sql, parameters);
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
