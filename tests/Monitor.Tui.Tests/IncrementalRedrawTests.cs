using Monitor.Control.Agents;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

/// <summary>The screen as the running TUI draws it (no forced full redraw): a key redraws what it changed, and new
/// server rows redraw the Servers pane only when a row in view changed.</summary>
public sealed class IncrementalRedrawTests
{
    private static TuiHarness WithServers(int count)
    {
        var h = new TuiHarness(width: 120, height: 40);
        for (var i = 0; i < count; i++) h.ServerService.Put($"srv-{i:00}", AgentConnectionState.Online, cpu: 10);
        h.Refresh();
        _ = h.Screen; // one full draw, as at start
        return h;
    }

    /// <summary>What the main loop does after input: run posted work, draw what is marked, read the screen.</summary>
    private static string DrawAsTheLoopDoes(TuiHarness h)
    {
        h.App.TimedEvents?.RunTimers();
        h.App.LayoutAndDraw();
        return h.App.Driver!.ToString() ?? "";
    }

    [Fact]
    public void Paging_redraws_the_servers_pane_and_the_status_line_without_a_full_redraw()
    {
        using var h = WithServers(60);
        Assert.DoesNotMatch(@"srv-40\s+online", DrawAsTheLoopDoes(h));
        h.Press(Key.PageDown, Key.PageDown, Key.PageDown, Key.PageDown);
        var screen = DrawAsTheLoopDoes(h);
        Assert.Equal("srv-40", h.Window.Servers.Context.List.Selected?.Name);
        Assert.Matches(@"srv-40\s+online", screen);
        Assert.DoesNotMatch(@"srv-00\s+online", screen);
        h.Type(":");
        Assert.Contains(":▌", DrawAsTheLoopDoes(h)); // the status line follows the prompt
    }

    [Fact]
    public void New_rows_redraw_the_servers_pane_only_when_a_row_in_view_changed()
    {
        using var h = WithServers(60);
        DrawAsTheLoopDoes(h);

        h.ServerService.Put("srv-55", AgentConnectionState.Online, cpu: 77); // far below the rows in view
        h.Refresh();
        h.App.TimedEvents?.RunTimers();
        Assert.Equal(77, h.Window.Servers.Context.List.Items.Single(r => r.Name == "srv-55").CpuPercent);
        Assert.False(h.Window.Servers.View.NeedsDraw);

        h.ServerService.Put("srv-01", AgentConnectionState.Online, cpu: 88); // in view
        h.Refresh();
        h.App.TimedEvents?.RunTimers();
        Assert.True(h.Window.Servers.View.NeedsDraw);
        Assert.Matches(@"srv-01\s+online\s+88%", DrawAsTheLoopDoes(h));

        h.ServerService.Put("srv-02", AgentConnectionState.Unreachable); // the header's count changes too
        h.Refresh();
        var screen = DrawAsTheLoopDoes(h);
        Assert.Contains("servers 59/60 online", screen);
        Assert.Matches(@"srv-02\s+down", screen);
    }

    [Fact]
    public void Rows_redrawn_under_an_open_overlay_do_not_paint_over_it()
    {
        using var h = WithServers(60);
        h.Type("?");
        var help = DrawAsTheLoopDoes(h);
        Assert.Contains("Servers keys:", help);
        for (var i = 0; i < 5; i++) h.ServerService.Put($"srv-{i:00}", AgentConnectionState.Online, cpu: 91 + i); // rows under the overlay
        h.Refresh();
        var screen = DrawAsTheLoopDoes(h);
        Assert.Equal(help, screen);
        h.Press(Key.Esc);
        Assert.Matches(@"srv-01\s+online\s+92%", DrawAsTheLoopDoes(h));
    }
}
