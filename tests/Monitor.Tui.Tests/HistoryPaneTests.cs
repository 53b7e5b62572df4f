using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Models;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

public sealed class HistoryPaneTests
{
    private static TuiHarness WithHistory()
    {
        var h = new TuiHarness();
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        h.HistoryService.Records.AddRange(
        [
            new ActionRecord { Id = 1, Start = t0, End = t0.AddSeconds(2), User = "bob", Type = "container.restart", Server = "web-01", Target = "api", Success = true, Output = "restarted api" },
            new ActionRecord { Id = 2, Start = t0.AddHours(1), End = t0.AddHours(1).AddSeconds(30), User = "alice", Type = "stack.deploy", Stack = "shop", Success = false, Output = "step 1 ok\nstep 2 FAILED: image not found", Error = "image not found" },
            new ActionRecord { Id = 3, Start = t0.AddHours(2), End = t0.AddHours(2).AddSeconds(1), User = "alice", Type = "command.run", Server = "db-01", Target = "uptime", Success = true, Output = "up 3 days" },
        ]);
        h.Refresh();
        h.Type(":history").Press(Key.Enter);
        h.Type("z");
        return h;
    }

    [Fact]
    public void History_is_newest_first_by_default()
    {
        using var h = WithHistory();
        h.WaitForText("command.run");
        Assert.Equal([3L, 2L, 1L], h.Window.History.Context.List.Visible.Select(r => r.Id));
        Assert.Equal(PaneId.History, h.Window.Focused);
    }

    [Fact]
    public void The_periodic_refresh_brings_in_actions_recorded_since_for_example_by_a_webhook_deploy()
    {
        using var h = WithHistory();
        h.WaitForText("command.run");
        lock (h.HistoryService.Records)
            h.HistoryService.Records.Add(new ActionRecord
            {
                Id = 4, Start = DateTimeOffset.UtcNow, End = DateTimeOffset.UtcNow, User = "webhook:github", Type = "stack.deploy", Stack = "shop", Success = true,
            });
        h.Window.RefreshPeriodicAsync(CancellationToken.None).GetAwaiter().GetResult();
        h.WaitFor(_ => h.Window.History.Context.List.Visible.Count == 4, "the new record in the list");
        Assert.Equal([4L, 3L, 2L, 1L], h.Window.History.Context.List.Visible.Select(r => r.Id));
        var screen = h.Screen;
        Assert.True(screen.Contains("webhook", StringComparison.Ordinal), screen);
    }

    [Fact]
    public void Sort_key_changes_the_column_and_order_and_asks_the_service()
    {
        using var h = WithHistory();
        h.WaitForText("command.run");
        h.Type("o"); // type
        h.WaitForText("sort=type↓");
        h.WaitFor(_ => h.Window.History.Context.List.Visible.FirstOrDefault()?.Id == 2, "stack.deploy first");
        h.Type("O");
        h.WaitForText("sort=type↑");
        h.WaitFor(_ => h.Window.History.Context.List.Visible.FirstOrDefault()?.Id == 3, "command.run first");
        Assert.Contains(h.HistoryService.Queries, q => q is { Sort: ActionSortField.Type, Descending: false });
    }

    [Fact]
    public void Colon_history_with_a_filter_queries_by_type()
    {
        using var h = WithHistory();
        h.Type(":history type=deploy").Press(Key.Enter);
        var screen = h.WaitForText("type=stack.deploy");
        h.WaitFor(_ => h.Window.History.Context.List.Visible.Count == 1, "one record");
        Assert.Equal(2, h.Window.History.Context.List.Visible[0].Id);
        Assert.Contains(h.HistoryService.Queries, q => q.Type == "stack.deploy");
    }

    [Fact]
    public void f_filters_by_user_and_success()
    {
        using var h = WithHistory();
        h.WaitForText("command.run");
        h.Type("f").Type("user=alice success=true").Press(Key.Enter);
        h.WaitFor(_ => h.Window.History.Context.List.Visible.Count == 1, "one record");
        Assert.Equal(3, h.Window.History.Context.List.Visible[0].Id);
        h.Type("f").Type("colour=red").Press(Key.Enter);
        Assert.Contains("History filter 'colour' is unknown", h.Screen);
    }

    [Fact]
    public void Enter_opens_a_record_with_its_whole_output()
    {
        using var h = WithHistory();
        h.WaitForText("command.run");
        h.Press(Key.CursorDown).Press(Key.Enter);
        var screen = h.WaitForText("Action 2");
        Assert.Contains("step 1 ok", screen);
        Assert.Contains("step 2 FAILED: image not found", screen);
        Assert.Contains("Error:   image not found", screen);
        h.Press(Key.Esc);
        Assert.DoesNotContain("step 1 ok", h.Screen);
    }
}
