using Monitor.Shared.Models;

namespace Monitor.Control.Store.Relational;

/// <summary>The column (or expression) behind each history sort, and whether it can be null (nulls sort last).</summary>
internal static class ActionSortColumns
{
    public static (string Expression, bool Nullable) For(ActionSortField field) => field switch
    {
        ActionSortField.Id => ("id", false),
        ActionSortField.Start => ("started", false),
        ActionSortField.End => ("ended", true),
        ActionSortField.User => ("user_name", false),
        ActionSortField.Type => ("type", false),
        ActionSortField.Server => ("server", true),
        ActionSortField.Stack => ("stack", true),
        ActionSortField.Target => ("target", true),
        ActionSortField.Success => ("success", true),
        ActionSortField.Duration => ("(ended - started)", true),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown history sort field."),
    };

    /// <summary>ORDER BY clause: the field in the asked direction, nulls last, ties broken by id in the same direction.</summary>
    public static string OrderBy(ActionSortField field, bool descending)
    {
        var direction = descending ? "DESC" : "ASC";
        if (field == ActionSortField.Id)
            return $"ORDER BY id {direction}";
        var (expression, nullable) = For(field);
        var nulls = nullable ? " NULLS LAST" : "";
        return $"ORDER BY {expression} {direction}{nulls}, id {direction}";
    }
}
