namespace Monitor.Shared.Models;

/// <summary>Filters and sort of the action history. Every filter is optional; text filters match exactly.</summary>
public sealed record ActionQuery
{
    public string? Server { get; init; }
    public string? Stack { get; init; }
    public string? Type { get; init; }
    public string? User { get; init; }
    public bool? Success { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public ActionSortField Sort { get; init; } = ActionSortField.Start;
    public bool Descending { get; init; } = true;
    public int Limit { get; init; } = 100;
    public int Offset { get; init; }
    /// <summary>Keyset paging: only the records that come after the record with this id in the asked order (pass the
    /// last id of the previous page). Stays fast at any depth, unlike <see cref="Offset"/>; a gone id gives no rows.</summary>
    public long? AfterId { get; init; }
}
