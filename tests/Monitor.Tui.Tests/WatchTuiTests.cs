using Monitor.Control.Agents;
using Monitor.Control.Alerts;
using Monitor.Shared.Protocol;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

/// <summary>The watch area in the TUI: braille graphs of a server (with its process checks) and of a container over
/// 1h / 24h / 7d switched by key; the Alerts view with silencing; the header's open-alert count. All through the
/// services (the harness's store and agent factory throw if touched).</summary>
public sealed class WatchTuiTests
{
    private static TuiHarness WithServer()
    {
        var h = new TuiHarness();
        h.ServerService.Put("web-01", AgentConnectionState.Online, cpu: 42);
        h.ContainerService.Put("web-01", "api");
        return h;
    }

    [Fact]
    public void G_on_a_server_shows_braille_graphs_of_cpu_memory_load_and_its_process_checks_and_d_w_switch_the_range()
    {
        using var h = WithServer();
        h.WatchView.Processes.Add(new ProcessState("nginx", true, 4242, 7200, 1.5, 30 * 1024 * 1024));
        h.WatchView.Processes.Add(new ProcessState("cron", false, null, null, null, null));
        h.Refresh();
        h.WaitForText("web-01");

        h.Type("g");
        var screen = h.WaitForText("Graphs: host web-01, last 1h");
        Assert.Contains("CPU %  now 71%  max 71%", screen);
        Assert.Contains("Memory %  now 50%", screen);
        Assert.Contains(screen, ch => ch is > '\u2800' and <= '\u28FF');
        Assert.Equal(("web-01", (string?)null, TimeSpan.FromHours(1)), h.WatchView.Queries.Last());

        h.Press(Key.PageDown, Key.PageDown);
        screen = h.WaitForText("nginx");
        Assert.Contains("alive", screen);
        Assert.Contains("4242", screen);
        Assert.Contains("2h00m", screen);
        Assert.Contains("30.0M", screen);
        Assert.Contains("DEAD", screen);

        h.Type("d");
        h.WaitForText("Graphs: host web-01, last 24h");
        Assert.Equal(TimeSpan.FromHours(24), h.WatchView.Queries.Last().Back);
        h.Type("w");
        h.WaitForText("Graphs: host web-01, last 7d");
        Assert.Equal(TimeSpan.FromDays(7), h.WatchView.Queries.Last().Back);
        h.Press(Key.Esc);
        h.WaitFor(s => !s.Contains("Graphs:"), "the overlay closes");
    }

    [Fact]
    public void G_on_a_container_shows_its_cpu_and_memory_graphs()
    {
        using var h = WithServer();
        h.Refresh();
        h.WaitForText("web-01");
        h.Press(Key.Enter);
        h.WaitForText("api");
        h.Type("g");
        var screen = h.WaitForText("Graphs: container api on web-01, last 1h");
        Assert.Contains("CPU % of a core", screen);
        Assert.Contains("Memory MB  now 64M", screen);
        Assert.Equal(("web-01", "api", TimeSpan.FromHours(1)), h.WatchView.Queries.Last());
    }

    [Fact]
    public void Header_counts_open_alerts_and_the_alerts_view_lists_them_and_silences_a_server()
    {
        using var h = WithServer();
        var now = DateTimeOffset.UtcNow;
        h.WatchView.Alerts.Add(new AlertRecord("a1", "cpu-high", "cpu", "web-01", "", AlertSeverity.Warning, "CPU 91% on web-01", now.AddMinutes(-5)));
        h.WatchView.Alerts.Add(new AlertRecord("a2", "web-down", "container_stopped", "web-01", "api", AlertSeverity.Critical, "container api on web-01 is exited", now.AddHours(-2)));
        h.WatchView.Alerts.Add(new AlertRecord("a3", "old", "cpu", "web-01", "", AlertSeverity.Critical, "gone", now.AddDays(-1), now.AddHours(-1)));
        h.Refresh();
        h.WaitForText("ALERTS: 2 open (1 critical)");

        h.Type("!");
        var screen = h.WaitForText("Alerts: 2 open");
        Assert.Contains("web-01/api", screen);
        Assert.Contains("critical", screen);
        Assert.Contains("container api on web-01 is exited", screen);
        Assert.Contains("CPU 91% on web-01", screen);
        Assert.DoesNotContain("gone", screen);
        Assert.True(screen.IndexOf("web-down", StringComparison.Ordinal) < screen.IndexOf("cpu-high", StringComparison.Ordinal), "critical first");

        h.Type("s");
        h.WaitForText("Silence server: web-01");
        h.Press(Key.Enter);
        h.WaitForText("Silence web-01 for: 2h");
        h.Press(Key.Backspace, Key.Backspace);
        h.Type("30m");
        h.Press(Key.Enter);
        h.WaitForText("Silenced web-01 for 30m");
        Assert.Equal(("web-01", TimeSpan.FromMinutes(30)), Assert.Single(h.WatchView.Silences));

        lock (h.WatchView.Alerts) h.WatchView.Alerts.Clear();
        h.Refresh();
        h.WaitForText("Monitor │ store:");
        Assert.DoesNotContain("ALERTS", h.Screen);
    }
}
