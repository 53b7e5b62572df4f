using Monitor.Control.Agents;
using Monitor.Shared.Protocol;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

/// <summary>The Containers pane's Docker views, headless: inspect as a scrollable document, processes (p), engine
/// events (e). Services are fakes; the store and agent factory throw if touched.</summary>
public sealed class DockerViewsPaneTests
{
    private static TuiHarness WithContainers()
    {
        var h = new TuiHarness();
        h.ServerService.Put("web-01", AgentConnectionState.Online);
        h.ContainerService.Put("web-01", "api");
        h.ContainerService.Put("web-01", "worker", state: "exited");
        h.Refresh();
        h.Press(Key.Enter); // the server's containers
        h.WaitForText("worker");
        return h;
    }

    [Fact]
    public void P_shows_the_processes_of_the_selected_container()
    {
        using var h = WithContainers();
        h.Type("p");
        var screen = h.WaitForText("Processes · web-01/api (2)");
        Assert.Contains("httpd -f -p 8080", screen);
        Assert.Matches(@"PID\s+USER\s+CMD", screen);
        Assert.Equal(["top web-01/id-api"], h.DockerService.Calls);
        h.Press(Key.Esc);
        Assert.DoesNotContain("Processes ·", h.Screen);
    }

    [Fact]
    public void P_on_a_stopped_container_says_why_instead_of_calling_the_engine()
    {
        using var h = WithContainers();
        h.Press(Key.CursorDown);
        h.Type("p");
        h.WaitForText("worker is exited; processes are listed for running containers.");
        Assert.Empty(h.DockerService.Calls);
    }

    [Fact]
    public void E_shows_the_servers_recent_engine_events_newest_first()
    {
        using var h = WithContainers();
        var t = DateTimeOffset.UtcNow;
        h.DockerService.Events.Add(new DockerEvent(t.AddMinutes(-2), "container", "start", "aaaaaaaaaaaa1111", "api", new Dictionary<string, string> { ["name"] = "api" }));
        h.DockerService.Events.Add(new DockerEvent(t.AddMinutes(-1), "container", "die", "bbbbbbbbbbbb2222", "worker", new Dictionary<string, string> { ["exitCode"] = "0", ["name"] = "worker" }));
        h.Type("e");
        var screen = h.WaitForText("Engine events · web-01");
        var die = screen.IndexOf("container die bbbbbbbbbbbb (exitCode=0", StringComparison.Ordinal);
        var start = screen.IndexOf("container start aaaaaaaaaaaa (name=api)", StringComparison.Ordinal);
        Assert.True(die >= 0 && start > die, screen);
        Assert.Equal(["events web-01 since=True until=True"], h.DockerService.Calls);
    }

    [Fact]
    public void I_shows_inspect_as_a_scrollable_document()
    {
        using var h = WithContainers();
        h.Type("i");
        var screen = h.WaitForText("Container api");
        Assert.Contains("Command:       sleep 3600", screen);
        Assert.DoesNotContain("Environment (names only", screen);
        h.Press(Key.PageDown); // a scrollable document: the environment is further down
        var scrolled = h.WaitForText("Environment (names only");
        Assert.Contains("  SECRET", scrolled);
    }
}
