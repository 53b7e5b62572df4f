using Monitor.Control.Store.Relational;
using Monitor.Shared.Models;

namespace Monitor.Store.Tests;

/// <summary>The capped count's verdict: few matches are read and sorted, many walk the sort's index.</summary>
public class ActionQueryPlanChoiceTests
{
    [Fact]
    public void The_cap_is_where_both_plans_cost_about_the_same()
    {
        // a 500-row page of a million rows: sqrt(500 * 1,000,000) / 3 = 7,453
        Assert.Equal(7_453, ActionQuerySql.ProbeCap(new ActionQuery { Limit = 500 }, 1_000_000));
        Assert.Equal(1_000, ActionQuerySql.ProbeCap(new ActionQuery { Limit = 50 }, 100));
        Assert.Equal(40_000, ActionQuerySql.ProbeCap(new ActionQuery { Limit = 500, Offset = 100_000 }, 10_000_000));
    }

    [Fact]
    public void Fewer_matches_than_the_cap_read_the_matches_and_a_full_count_walks_the_sort_index()
    {
        Assert.Equal(ActionQueryPlan.FilterMatches, ActionQuerySql.Choose(7_452, 7_453));
        Assert.Equal(ActionQueryPlan.SortIndex, ActionQuerySql.Choose(7_453, 7_453));
    }
}
