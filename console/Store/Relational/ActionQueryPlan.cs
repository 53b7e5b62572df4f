namespace Monitor.Control.Store.Relational;

/// <summary>How a filtered history query finds its page (chosen per query from a capped count of the matches).</summary>
internal enum ActionQueryPlan
{
    /// <summary>Walk the sort column's index in order and check the filters in that index (many matches).</summary>
    SortIndex,

    /// <summary>Read every match through the filter's index and sort just those (few matches: a top-K sort).</summary>
    FilterMatches,
}
