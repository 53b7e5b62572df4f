using Monitor.Control.Agents;
using Monitor.Control.Tui;
using Monitor.Control.Tui.Contexts;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

public sealed class MainWindowTests
{
    private static TuiHarness WithTwoServers(TuiOptions? options = null)
    {
        var h = new TuiHarness(options);
        h.ServerService.Put("web-01", AgentConnectionState.Online, cpu: 42);
        h.ServerService.Put("db-01", AgentConnectionState.Unreachable);
        h.ContainerService.Put("web-01", "api");
        h.ContainerService.Put("web-01", "worker", state: "exited");
        h.Refresh();
        return h;
    }

    [Fact]
    public void Screen_at_80x24_shows_header_all_five_panes_and_status_keys()
    {
        using var h = WithTwoServers();
        var screen = h.WaitForText("web-01");
        var lines = screen.Split('\n');
        Assert.True(lines.Length >= 24, screen);
        Assert.Contains("store: sqlite:test.db", screen);
        Assert.Contains("user: alice", screen);
        Assert.Contains("servers 1/2 online", screen);
        foreach (var pane in new[] { "Servers", "Stacks", "Containers", "Logs", "History" }) Assert.Contains(pane, screen);
        Assert.Contains("online", screen);
        Assert.Contains("down", screen);
        Assert.Contains("42%", screen);
        Assert.Contains("Enter Containers", screen);
        Assert.Contains("? Help", screen);
    }

    [Fact]
    public void Tab_moves_focus_through_the_panes_and_status_bar_follows()
    {
        using var h = WithTwoServers();
        Assert.Contains("▶Servers◀", h.Screen);
        h.Press(Key.Tab);
        Assert.Equal(PaneId.Stacks, h.Window.Focused);
        h.Press(Key.Tab);
        var screen = h.Screen;
        Assert.Equal(PaneId.Containers, h.Window.Focused);
        Assert.Contains("▶Containers", screen);
        Assert.Contains("r Restart", screen);
        h.Press(Key.Tab.WithShift);
        Assert.Equal(PaneId.Stacks, h.Window.Focused);
    }

    [Fact]
    public void Question_mark_shows_help_generated_from_the_bindings_and_Esc_closes_it()
    {
        using var h = WithTwoServers();
        h.Press(Key.Tab, Key.Tab); // Containers
        h.Type("?");
        var screen = h.Screen;
        Assert.True(h.Window.OverlayVisible);
        Assert.Contains("Containers keys:", screen);
        Assert.Contains("Restart", screen);
        Assert.Contains("Next pane", screen);
        h.Press(Key.Esc);
        Assert.False(h.Window.OverlayVisible);
        Assert.DoesNotContain("Containers keys:", h.Screen);
    }

    [Fact]
    public void Enter_on_a_server_drills_into_its_containers_and_Esc_goes_back()
    {
        using var h = WithTwoServers();
        h.WaitForText("web-01");
        h.Press(Key.CursorDown); // db-01 sorts first, web-01 second
        h.Press(Key.Enter);
        var screen = h.WaitForText("worker");
        Assert.Equal(PaneId.Containers, h.Window.Focused);
        Assert.Contains("Containers · web-01", screen);
        Assert.Contains("api", screen);
        Assert.Contains("exited", screen);
        h.Type("z");
        var zoomed = h.Screen;
        Assert.Contains("UP", zoomed);
        Assert.Contains("5m", zoomed);
        Assert.Contains("8080->80", zoomed);
        h.Press(Key.Esc); // unzoom
        h.Press(Key.Esc);
        Assert.Equal(PaneId.Servers, h.Window.Focused);
    }

    [Fact]
    public void A_server_without_containers_says_so_by_name()
    {
        using var h = WithTwoServers();
        h.WaitForText("web-01");
        h.Press(Key.Enter); // db-01 sorts first and has no containers
        var screen = h.WaitForText("No containers on db-01.");
        Assert.Contains("Containers · db-01", screen);
        Assert.DoesNotContain("select a server and press Enter", screen);
    }

    [Fact]
    public void Colon_command_jumps_to_a_server()
    {
        using var h = WithTwoServers();
        h.Press(Key.Tab);
        h.Type(":server web-01");
        Assert.Contains(":server web-01", h.Screen);
        h.Press(Key.Enter);
        Assert.Equal(PaneId.Servers, h.Window.Focused);
        Assert.Equal("web-01", h.Window.Servers.Context.List.Selected?.Name);
    }

    [Fact]
    public void Unknown_colon_command_says_what_to_type_instead()
    {
        using var h = WithTwoServers();
        h.Type(":bogus").Press(Key.Enter);
        var screen = h.Screen;
        Assert.Contains("Unknown command ':bogus'", screen);
        Assert.Equal(PaneId.Servers, h.Window.Focused);
    }

    [Fact]
    public void Slash_filters_the_focused_list_and_Esc_clears_the_filter()
    {
        using var h = WithTwoServers();
        h.WaitForText("db-01");
        h.Type("/web").Press(Key.Enter);
        var screen = h.Screen;
        Assert.Contains("web-01", screen);
        Assert.False(screen.Contains("db-01      down"), screen);
        Assert.Single(h.Window.Servers.Context.List.Visible);
        h.Press(Key.Esc);
        Assert.Contains("db-01      down", h.Screen);
    }

    [Fact]
    public void Restart_asks_for_confirmation_then_calls_the_service()
    {
        using var h = WithTwoServers();
        h.Press(Key.CursorDown, Key.Enter);
        h.WaitForText("worker");
        h.Type("r");
        var screen = h.Screen;
        Assert.Contains("Restart container api on web-01?", screen);
        Assert.Empty(h.ContainerService.Calls);
        h.Type("n");
        Assert.Contains("Cancelled.", h.Screen);
        Assert.Empty(h.ContainerService.Calls);
        h.Type("r").Type("y");
        h.WaitFor(_ => h.ContainerService.Calls.Contains("restart web-01/api"), "restart call");
        h.WaitForText("Restart api: done, now running.");
    }

    [Fact]
    public void Stop_changes_the_state_shown_in_the_pane()
    {
        using var h = WithTwoServers();
        h.Press(Key.CursorDown, Key.Enter);
        h.WaitForText("worker");
        h.Type("t").Type("y");
        h.WaitFor(s => s.Contains("Stop api: done, now exited."), "stop message");
        h.WaitFor(_ => h.Window.Containers.Context.List.Visible.All(c => c.Container.State == "exited"), "both exited");
    }

    [Fact]
    public void Read_only_hides_state_changing_keys_and_ignores_them()
    {
        using var h = WithTwoServers(new TuiOptions { ReadOnly = true });
        h.Press(Key.CursorDown, Key.Enter);
        var screen = h.WaitForText("worker");
        Assert.Contains("READ-ONLY", screen);
        Assert.DoesNotContain("Restart", screen);
        h.Type("r");
        Assert.False(h.Window.OverlayVisible);
        Assert.Empty(h.ContainerService.Calls);
        h.Type("?");
        Assert.DoesNotContain("Restart", h.Screen);
    }

    [Fact]
    public void Stacks_pane_says_when_no_stack_service_is_wired()
    {
        using var h = WithTwoServers();
        Assert.Contains("Stacks are not available", h.Screen);
    }

    [Fact]
    public void Stacks_pane_lists_stacks_from_the_stack_source_and_deploy_streams_output()
    {
        var source = new Fakes.FakeStackSource();
        using var h = WithTwoServers(new TuiOptions { Stacks = source });
        h.Type(":stacks").Press(Key.Enter);
        h.Type("z");
        var screen = h.WaitForText("shop");
        Assert.Contains("compose", screen);
        h.Type("D");
        Assert.Contains("Deploy stack shop on web-01?", h.Screen);
        h.Type("y");
        h.Type("4z");
        h.WaitForText("deployed shop");
    }

    [Fact]
    public void Stack_form_adds_with_validation_and_edit_keeps_what_it_does_not_ask()
    {
        var source = new Fakes.FakeStackSource();
        using var h = WithTwoServers(new TuiOptions { Stacks = source });
        h.Type(":stacks").Press(Key.Enter);
        h.Type("a");
        Assert.Contains("Stack name", h.Screen);
        h.Type("Bad Name").Press(Key.Enter);
        var bad = h.Screen; Assert.True(bad.Contains("is not valid"), bad);
        for (var i = 0; i < 8; i++) h.Press(Key.Backspace);
        h.Type("api").Press(Key.Enter);
        h.Press(Key.Enter);
        var noImage = h.Screen; Assert.True(noImage.Contains("needs an image"), noImage);
        h.Type("api:2").Press(Key.Enter);
        h.Type("web-01,web-02").Press(Key.Enter);
        h.Type("80:eighty").Press(Key.Enter);
        Assert.Empty(source.Saved);
        for (var i = 0; i < 9; i++) h.Press(Key.Backspace);
        h.Type("8081:80").Press(Key.Enter);
        h.WaitForText("Saved stack api");
        var saved = Assert.Single(source.Saved);
        Assert.Equal(("api", "api:2"), (saved.Name, saved.Image));
        Assert.Equal(["web-01", "web-02"], saved.Deploy!.Targets);
        Assert.Equal(["8081:80"], saved.Deploy.Ports);

        h.Type("e");
        h.WaitForText("Image for shop");
        for (var i = 0; i < 6; i++) h.Press(Key.Backspace);
        h.Type("shop:2").Press(Key.Enter).Press(Key.Enter).Press(Key.Enter);
        h.WaitForText("Saved stack shop");
        var edited = source.Saved[^1];
        Assert.Equal("shop:2", edited.Image);
        Assert.Equal("256m", edited.Deploy!.Memory);
    }

    [Fact]
    public void Add_server_form_validates_each_field()
    {
        using var h = WithTwoServers();
        h.Type("a");
        Assert.Contains("Server name", h.Screen);
        h.Type("-bad").Press(Key.Enter);
        var s1 = h.Screen; Assert.True(s1.Contains("is not valid"), s1);
        for (var i = 0; i < 4; i++) h.Press(Key.Backspace);
        h.Type("new-01").Press(Key.Enter);
        for (var i = 0; i < 5; i++) h.Press(Key.Backspace);
        h.Type("http://x").Press(Key.Enter);
        Assert.Contains("Agent URL 'http://x' is not valid", h.Screen);
        for (var i = 0; i < 8; i++) h.Press(Key.Backspace);
        h.Type("ws://127.0.0.1:9100").Press(Key.Enter);
        h.Type("rack 3").Press(Key.Enter);
        h.WaitFor(_ => h.ServerService.Servers.ContainsKey("new-01"), "server added");
        h.WaitForText("new-01");
    }

    [Fact]
    public void Run_command_on_a_server_streams_its_output_into_the_log_pane()
    {
        using var h = WithTwoServers();
        h.Press(Key.CursorDown);
        h.Type("c");
        h.Type("echo hello-from-tui").Press(Key.Enter);
        h.WaitFor(_ => h.CommandService.Runs.Count == 1, "command run");
        var (server, request) = h.CommandService.Runs.Single();
        Assert.Equal("web-01", server);
        Assert.Equal("echo", request.File);
        Assert.Equal(["hello-from-tui"], request.Args);
        Assert.Equal(PaneId.Logs, h.Window.Focused);
        h.WaitForText("exited 0");
        h.Window.Logs.FlushPending();
        Assert.Contains("hello-from-tui", h.Screen);
    }
}
