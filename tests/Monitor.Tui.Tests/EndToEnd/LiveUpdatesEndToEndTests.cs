using System.Text.RegularExpressions;
using Monitor.Control.Composition;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>Two consoles on one SQLite file: what one does shows in the other's panes through the store's change
/// feed (the periodic refresh is set to an hour here, so only the feed can bring it).</summary>
[Collection("Terminal.Gui")]
public sealed class LiveUpdatesEndToEndTests
{
    [Fact]
    public async Task A_server_added_by_another_console_shows_in_this_consoles_history_and_servers_panes()
    {
        using var dir = new TempDirectory();
        var config = dir.File("monitor.toml");
        await File.WriteAllTextAsync(config, "[console]\nsqlite_path = \"monitor.db\"\nkey_file = \"console_key.pem\"\nuser = \"alice\"\n");
        using (var key = ConsoleKeyPair.Generate()) key.Save(dir.File("console_key.pem"), "test");
        await using var mine = await MonitorServicesFactory.OpenAsync(config);
        await using var other = await MonitorServicesFactory.OpenAsync(config);

        using var tui = new TuiHarness(mine, width: 140, height: 40);
        tui.Window.StartTimers();
        try
        {
            tui.WaitFor(s => s.Contains("No servers", StringComparison.Ordinal) || s.Contains("servers 0/0", StringComparison.Ordinal), "the empty console");
            // Loopback port 1: nothing listens, so the Servers pane shows the server as down without leaving the machine.
            await other.Servers.AddAsync("web-07", "ws://127.0.0.1:1");
            var seen = tui.WaitFor(s => Regex.IsMatch(s, @"server\.add\s+alice\s+web-07") && Regex.IsMatch(s, @"web-07\s+(down|conn…|off)"),
                "the other console's server.add in History and web-07 in Servers");
            Assert.Contains("servers 0/1 online", seen);
        }
        finally { tui.Window.StopTimers(); }
    }
}
