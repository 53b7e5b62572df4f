using Monitor.Control.Agents;
using Monitor.Control.Tui.Contexts;
using Monitor.Control.Tui.Views;
using Monitor.Shared.Protocol;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

/// <summary>Keys the console key's role forbids on a server are dimmed and refused with the reason; the agent's
/// version is shown in the Servers pane, an older one flagged.</summary>
public sealed class RoleGreyingTests
{
    private static TuiHarness WithServer(string role, string agentVersion = "1.0.0")
    {
        var h = new TuiHarness(width: 120);
        h.ServerService.Put("web-01", AgentConnectionState.Online, cpu: 42);
        h.ServerService.Servers["web-01"] = h.ServerService.Servers["web-01"] with
        {
            KeyRole = role,
            Agent = new AgentInfo(agentVersion, "web-01", "linux", 2, "20.10", "1.41", true),
        };
        h.ContainerService.Put("web-01", "api");
        h.Refresh();
        return h;
    }

    /// <summary>The attribute the status line (last row) draws <paramref name="text"/> with.</summary>
    private static Terminal.Gui.Drawing.Attribute? StatusAttribute(TuiHarness h, string text)
    {
        var lines = h.Screen.Split('\n');
        var row = Array.FindLastIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(row >= 0, $"'{text}' is not on the screen:\n{string.Join('\n', lines)}");
        var column = lines[row].IndexOf(text, StringComparison.Ordinal);
        return h.App.Driver!.Contents![row, column].Attribute;
    }

    [Fact]
    public void A_viewer_key_sees_stop_dimmed_and_pressing_it_says_which_role_it_needs()
    {
        using var h = WithServer("viewer");
        h.Press(Key.Tab, Key.Tab); // Containers
        h.WaitForText("api");
        Assert.Equal(Palette.BarDimmed, StatusAttribute(h, "t Stop"));
        Assert.Equal(Palette.BarDimmed, StatusAttribute(h, "x Exec shell"));
        Assert.Equal(Palette.Bar, StatusAttribute(h, "i Inspect"));

        h.Type("t");
        var screen = h.WaitForText("your key is viewer on web-01: stop needs operator");
        Assert.DoesNotContain("Stop api", screen);
        Assert.Empty(h.ContainerService.Calls);
    }

    [Fact]
    public void An_operator_key_may_stop_but_sees_exec_and_the_host_shell_dimmed()
    {
        using var h = WithServer("operator");
        Assert.Equal(Palette.BarDimmed, StatusAttribute(h, "t Host shell"));
        Assert.Equal(Palette.BarDimmed, StatusAttribute(h, "c Run command"));
        Assert.Equal(Palette.Bar, StatusAttribute(h, "Enter Containers"));
        h.Type("t");
        h.WaitForText("your key is operator on web-01: host shell needs admin");

        h.Press(Key.Tab, Key.Tab); // Containers
        h.WaitForText("api");
        Assert.Equal(Palette.Bar, StatusAttribute(h, "t Stop"));
        Assert.Equal(Palette.BarDimmed, StatusAttribute(h, "x Exec shell"));
    }

    [Fact]
    public void An_admin_key_sees_nothing_dimmed()
    {
        using var h = WithServer("admin");
        Assert.Equal(Palette.Bar, StatusAttribute(h, "t Host shell"));
        h.Press(Key.Tab, Key.Tab);
        h.WaitForText("api");
        Assert.Equal(Palette.Bar, StatusAttribute(h, "t Stop"));
    }

    [Fact]
    public void The_servers_pane_shows_the_agent_version_and_flags_one_older_than_the_console()
    {
        using (var h = WithServer("admin", "0.9.0"))
        {
            var screen = h.WaitForText("AGENT");
            Assert.Contains("0.9.0 old", screen);
        }
        using (var h = WithServer("admin", Monitor.Control.Fleet.AgentVersionFlag.ConsoleVersion))
        {
            var screen = h.WaitForText("AGENT");
            Assert.Contains(Monitor.Control.Fleet.AgentVersionFlag.ConsoleVersion, screen);
            Assert.DoesNotContain(" old", screen);
        }
        Assert.True(Monitor.Control.Fleet.AgentVersionFlag.IsOlder("1.2.3-rc1", "1.2.3"));
        Assert.False(Monitor.Control.Fleet.AgentVersionFlag.IsOlder("1.10.0", "1.9.9"));
    }
}
