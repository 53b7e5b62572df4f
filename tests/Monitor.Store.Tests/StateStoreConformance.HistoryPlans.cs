using Monitor.Control.Store.Relational;
using Monitor.Shared.Models;

namespace Monitor.Store.Tests;

/// <summary>Both history query plans (walk the sort's index; read the filter's matches and sort them) return exactly
/// the rows and order of a plain LINQ reference for every filter shape, sort and direction, across keyset pages
/// (including the step from non-null keys to the null ones) and with offsets.</summary>
public abstract partial class StateStoreConformance
{
    public static TheoryData<bool, string> EveryPlanAndFilter()
    {
        var data = new TheoryData<bool, string>();
        foreach (var readMatchesFirst in new[] { false, true })
            foreach (var filter in new[] { "none", "server", "since", "failure", "user+server", "type+success", "stack+since" })
                data.Add(readMatchesFirst, filter);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPlanAndFilter))]
    public async Task Both_history_plans_page_every_sort_like_the_reference(bool readMatchesFirst, string filter)
    {
        var seeded = await SeedAsync();
        ((RelationalStateStore)Store).ForcedHistoryPlan = readMatchesFirst ? ActionQueryPlan.FilterMatches : ActionQueryPlan.SortIndex;
        var t = SampleActions.T0;
        var (query, predicate) = filter switch
        {
            "none" => (new ActionQuery(), (Func<ActionRecord, bool>)(_ => true)),
            "server" => (new ActionQuery { Server = "web-01" }, r => r.Server == "web-01"),
            "since" => (new ActionQuery { Since = t.AddSeconds(10) }, r => r.Start >= StoredForm.Time(t.AddSeconds(10))),
            "failure" => (new ActionQuery { Success = false }, r => r.Success == false),
            "user+server" => (new ActionQuery { User = "alice", Server = "db-01" }, r => r.User == "alice" && r.Server == "db-01"),
            "type+success" => (new ActionQuery { Type = ActionTypes.ContainerRestart, Success = true },
                r => r.Type == ActionTypes.ContainerRestart && r.Success == true),
            "stack+since" => (new ActionQuery { Stack = "shop", Since = t.AddSeconds(5) },
                r => r.Stack == "shop" && r.Start >= StoredForm.Time(t.AddSeconds(5))),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };

        foreach (var field in Enum.GetValues<ActionSortField>())
            foreach (var descending in new[] { false, true })
            {
                var expected = ExpectedActionOrder.Ids(seeded.Where(predicate), field, descending);
                Assert.NotEmpty(expected);
                var label = $"{filter}, {field} {(descending ? "desc" : "asc")}";

                var paged = new List<long>();
                long? after = null;
                while (true)
                {
                    var page = await Store.QueryActionsAsync(query with { Sort = field, Descending = descending, Limit = 2, AfterId = after });
                    Assert.True(page.Count <= 2, label);
                    if (page.Count == 0) break;
                    paged.AddRange(page.Select(r => r.Id));
                    after = page[^1].Id;
                }
                Assert.True(expected.SequenceEqual(paged), $"{label} by keyset: expected {string.Join(",", expected)} got {string.Join(",", paged)}");

                var offsetPage = await Store.QueryActionsAsync(query with { Sort = field, Descending = descending, Limit = 3, Offset = 1 });
                Assert.Equal(expected.Skip(1).Take(3), offsetPage.Select(r => r.Id));
            }
    }
}
