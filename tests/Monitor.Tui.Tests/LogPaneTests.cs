using Monitor.Control.Agents;
using Monitor.Control.Tui.Contexts;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

public sealed class LogPaneTests
{
    private static TuiHarness Following()
    {
        var h = new TuiHarness();
        h.ServerService.Put("web-01", AgentConnectionState.Online);
        h.ContainerService.Put("web-01", "api");
        h.Refresh();
        h.Type(":containers web-01").Press(Key.Enter);
        h.WaitForText("api");
        h.Press(Key.Enter);
        h.WaitFor(_ => h.LogService.Requests.Count == 1, "log stream opened");
        h.Type("z");
        return h;
    }

    private static string FlushAndDraw(TuiHarness h, string waitFor)
    {
        return h.WaitFor(s => { h.Window.Logs.FlushPending(); return s.Contains(waitFor); }, $"'{waitFor}' in the log pane");
    }

    [Fact]
    public void Enter_on_a_container_follows_its_log_and_new_lines_appear()
    {
        using var h = Following();
        Assert.Equal(PaneId.Logs, h.Window.Focused);
        var request = h.LogService.Requests.Single();
        Assert.Equal("api", request.Container);
        Assert.True(request.Follow);
        h.LogService.Write("api", ("stdout", "first line"), ("stderr", "oops on stderr"));
        var screen = FlushAndDraw(h, "oops on stderr");
        Assert.Contains("first line", screen);
        Assert.Contains("Follow:On", screen);
        h.LogService.Write("api", ("stdout", "second line"));
        FlushAndDraw(h, "second line");
    }

    [Fact]
    public void Toggles_show_On_and_Off_in_the_indicator_bar()
    {
        using var h = Following();
        var screen = h.Screen;
        Assert.Contains("Follow:On Wrap:Off Time:On Pause:Off", screen);
        h.Type("f").Type("w").Type("t").Type("p");
        Assert.Contains("Follow:Off Wrap:On Time:Off Pause:On", h.Screen);
    }

    [Fact]
    public void Filter_keeps_only_matching_lines()
    {
        using var h = Following();
        h.LogService.Write("api", ("stdout", "GET /health 200"), ("stdout", "POST /orders 500"), ("stdout", "GET /items 200"));
        FlushAndDraw(h, "GET /items");
        h.Type("/POST").Press(Key.Enter);
        var screen = h.Screen;
        Assert.Contains("POST /orders 500", screen);
        Assert.DoesNotContain("GET /health", screen);
        Assert.Contains("Filter:POST", screen);
        h.LogService.Write("api", ("stdout", "POST /late 201"), ("stdout", "GET /late 200"));
        screen = FlushAndDraw(h, "POST /late");
        Assert.DoesNotContain("GET /late", screen);
        h.Press(Key.Esc);
        Assert.Contains("GET /late 200", h.Screen);
    }

    [Fact]
    public void Search_highlights_and_n_N_move_between_matches()
    {
        using var h = Following();
        var lines = Enumerable.Range(0, 200).Select(i => ("stdout", i == 20 ? "needle early" : i == 120 ? "needle late" : $"hay {i}")).ToArray();
        h.LogService.Write("api", lines);
        FlushAndDraw(h, "hay 199");
        h.Type("s").Type("needle").Press(Key.Enter);
        var screen = h.Screen;
        Assert.Contains("needle late", screen);
        Assert.DoesNotContain("hay 199", screen);
        Assert.Contains("Search:needle", screen);
        h.Type("N");
        Assert.Contains("needle early", h.Screen);
        h.Type("n");
        Assert.Contains("needle late", h.Screen);
        Assert.False(h.Window.Logs.Context.Follow);
    }

    [Fact]
    public void Pause_freezes_the_view_and_counts_new_lines()
    {
        using var h = Following();
        h.LogService.Write("api", ("stdout", "before pause"));
        FlushAndDraw(h, "before pause");
        h.Type("p");
        h.LogService.Write("api", ("stdout", "during pause"));
        var screen = FlushAndDraw(h, "+1");
        Assert.DoesNotContain("during pause", screen);
        h.Type("p");
        Assert.Contains("during pause", h.Screen);
    }

    [Fact]
    public void Save_writes_the_buffer_to_a_file()
    {
        using var h = Following();
        using var dir = new Monitor.TestSupport.TempDirectory();
        var path = dir.File("saved.log");
        h.LogService.Write("api", ("stdout", "keep me"), ("stderr", "and me"));
        FlushAndDraw(h, "and me");
        h.Press(Key.S.WithCtrl);
        Assert.Contains("Save log to file", h.Screen);
        for (var i = 0; i < 200; i++) h.Press(Key.Backspace);
        h.Type(path).Press(Key.Enter);
        h.WaitForText("Saved 2 lines");
        var saved = File.ReadAllLines(path);
        Assert.EndsWith("stdout keep me", saved[0]);
        Assert.EndsWith("stderr and me", saved[1]);
    }
}
