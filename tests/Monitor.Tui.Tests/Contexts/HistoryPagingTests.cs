using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Models;

namespace Monitor.Tui.Tests.Contexts;

/// <summary>The History pane pages by keyset: the next page is "after the last id shown" in the same filter and
/// sort, a refresh reloads the pages shown in one first-pages query, and a new sort or filter starts at one page.</summary>
public sealed class HistoryPagingTests
{
    private static ActionRecord Record(long id) => new()
    {
        Id = id, User = "alice", Type = ActionTypes.ContainerRestart, Start = DateTimeOffset.UnixEpoch.AddSeconds(id),
    };

    [Fact]
    public void The_next_page_starts_after_the_last_record_shown_and_a_refresh_keeps_the_pages_loaded()
    {
        var context = new HistoryContext();
        Assert.Null(context.NextPageQuery);
        Assert.Equal(context.Query, context.RefreshQuery);
        context.List.SetItems(Enumerable.Range(0, 3).Select(i => Record(900 - i)).ToList());

        var next = context.NextPageQuery!;
        Assert.Equal(898, next.AfterId);
        Assert.Equal(context.Query with { AfterId = 898 }, next);

        context.AppendPage([Record(897), Record(896)]);
        Assert.Equal([900L, 899, 898, 897, 896], context.List.Items.Select(r => r.Id));
        Assert.Equal(2, context.Pages);
        Assert.Null(context.RefreshQuery.AfterId);
        Assert.Equal(2 * HistoryContext.PageSize, context.RefreshQuery.Limit);
        Assert.Equal(896, context.NextPageQuery!.AfterId);
    }

    [Fact]
    public void A_new_sort_or_filter_starts_again_at_one_page()
    {
        var context = new HistoryContext();
        context.List.SetItems([Record(5)]);
        context.AppendPage([Record(4)]);
        context.CycleSort();
        Assert.Equal(1, context.Pages);
        context.AppendPage([Record(3)]);
        Assert.Null(context.ApplyFilter("user=bob"));
        Assert.Equal(1, context.Pages);
        Assert.Equal(HistoryContext.PageSize, context.RefreshQuery.Limit);
    }
}
