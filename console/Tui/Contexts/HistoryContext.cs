using Monitor.Shared.Models;

namespace Monitor.Control.Tui.Contexts;

/// <summary>The History pane's state: the query sent to the history service (server/stack/type/user/success filters,
/// sort column and order, newest first by default) and the records it returned.</summary>
public sealed class HistoryContext
{
    private static readonly ActionSortField[] SortOrder =
        [ActionSortField.Start, ActionSortField.Type, ActionSortField.User, ActionSortField.Server, ActionSortField.Stack,
         ActionSortField.Target, ActionSortField.Success, ActionSortField.Duration, ActionSortField.Id];

    public const int PageSize = 500;
    private ActionQuery _query = new() { Sort = ActionSortField.Start, Descending = true, Limit = PageSize };

    /// <summary>The query of the first page (filters, sort, <see cref="PageSize"/>).</summary>
    public ActionQuery Query { get => _query; private set { _query = value; Pages = 1; } }

    /// <summary>Pages shown (1 + those loaded with "more"); a new sort or filter starts again at one.</summary>
    public int Pages { get; private set; } = 1;

    /// <summary>What a refresh loads: the first <see cref="Pages"/> pages in one keyset-ordered query (no offset).</summary>
    public ActionQuery RefreshQuery => Query with { Limit = PageSize * Pages };

    /// <summary>The page after the last record shown: keyset paging (AfterId), as fast at page 2,000 as at page 2.</summary>
    public ActionQuery? NextPageQuery => List.Items.Count == 0 ? null : Query with { AfterId = List.Items[^1].Id };

    /// <summary>Appends a page loaded with <see cref="NextPageQuery"/>.</summary>
    public void AppendPage(IReadOnlyList<ActionRecord> records)
    {
        if (records.Count == 0) return;
        List.SetItems(List.Items.Concat(records).ToList());
        Pages++;
    }

    public ListContext<ActionRecord> List { get; } = new(
    [
        new("ID", 5, r => r.Id.ToString()),
        new("START", 14, r => Format.Time(r.Start)),
        new("TYPE", 17, r => r.Type),
        new("USER", 8, r => r.User),
        new("SERVER", 8, r => r.Server ?? r.Stack ?? "-"),
        new("TARGET", 10, r => r.Target ?? "-"),
        new("OK", 4, r => r.Success is null ? "…" : r.Success.Value ? "ok" : "FAIL"),
        new("TIME", 0, r => r.End is { } e ? Format.Duration(e - r.Start) : "-"),
    ], r => r.Id.ToString());

    public string Describe()
    {
        var parts = new List<string>();
        if (Query.Server is not null) parts.Add($"server={Query.Server}");
        if (Query.Stack is not null) parts.Add($"stack={Query.Stack}");
        if (Query.Type is not null) parts.Add($"type={Query.Type}");
        if (Query.User is not null) parts.Add($"user={Query.User}");
        if (Query.Success is not null) parts.Add($"success={(Query.Success.Value ? "true" : "false")}");
        parts.Add($"sort={Query.Sort.ToString().ToLowerInvariant()}{(Query.Descending ? "↓" : "↑")}");
        return string.Join(" ", parts);
    }

    public void CycleSort()
    {
        var i = Array.IndexOf(SortOrder, Query.Sort);
        Query = Query with { Sort = SortOrder[(i + 1) % SortOrder.Length] };
    }

    public void ToggleOrder() => Query = Query with { Descending = !Query.Descending };

    /// <summary>Applies "key=value" filters (server, stack, type, user, success/ok); "clear" or an empty text removes
    /// them. Returns an error text for an unknown key or bad value, else null.</summary>
    public string? ApplyFilter(string text)
    {
        var q = Query with { Server = null, Stack = null, Type = null, User = null, Success = null };
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token is "clear" or "all") continue;
            var eq = token.IndexOf('=');
            if (eq <= 0) return $"History filter '{token}' is not key=value; use server=, stack=, type=, user=, success=.";
            var key = token[..eq].ToLowerInvariant();
            var value = token[(eq + 1)..];
            switch (key)
            {
                case "server": q = q with { Server = value }; break;
                case "stack": q = q with { Stack = value }; break;
                case "type": q = q with { Type = ExpandType(value) }; break;
                case "user": q = q with { User = value }; break;
                case "success" or "ok":
                    if (!bool.TryParse(value, out var ok)) return $"History filter {key}={value}: use true or false.";
                    q = q with { Success = ok };
                    break;
                default:
                    return $"History filter '{key}' is unknown; use server=, stack=, type=, user=, success=.";
            }
        }
        Query = q;
        return null;
    }

    /// <summary>"deploy" is short for "stack.deploy", "restart" for "container.restart"; full types pass unchanged.</summary>
    public static string ExpandType(string value) => value.Contains('.') ? value : value switch
    {
        "deploy" or "build" or "pull" => "stack." + value,
        "start" or "stop" or "restart" or "remove" => "container." + value,
        "run" or "command" => ActionTypes.CommandRun,
        _ => value,
    };
}
