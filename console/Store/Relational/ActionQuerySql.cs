using Monitor.Shared.Models;

namespace Monitor.Control.Store.Relational;

/// <summary>Turns an <see cref="ActionQuery"/> into one SELECT with named parameters (same text on every backend).</summary>
internal static class ActionQuerySql
{
    public static (string Sql, IReadOnlyList<KeyValuePair<string, object>> Parameters) Build(
        ActionQuery query, Func<DateTimeOffset, object> timeValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query.Limit));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query.Offset));

        var conditions = new List<string>();
        var parameters = new List<KeyValuePair<string, object>>();
        void Filter(string condition, string name, object? value)
        {
            if (value is null) return;
            conditions.Add(condition);
            parameters.Add(new(name, value));
        }

        Filter("server = @server", "@server", query.Server);
        Filter("stack = @stack", "@stack", query.Stack);
        Filter("type = @type", "@type", query.Type);
        Filter("user_name = @user", "@user", query.User);
        Filter("success = @success", "@success", query.Success);
        Filter("started >= @since", "@since", query.Since is { } since ? timeValue(StoreTime.Normalize(since)) : null);
        Filter("started < @until", "@until", query.Until is { } until ? timeValue(StoreTime.Normalize(until)) : null);
        parameters.Add(new("@limit", query.Limit));
        parameters.Add(new("@offset", query.Offset));

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var sql = $"SELECT {ActionColumns.Select} FROM actions{where} " +
                  $"{ActionSortColumns.OrderBy(query.Sort, query.Descending)} LIMIT @limit OFFSET @offset";
        return (sql, parameters);
    }
}
