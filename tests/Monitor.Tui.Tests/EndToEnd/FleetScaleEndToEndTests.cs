using System.Text.RegularExpressions;
using Monitor.Control.Composition;
using Monitor.FleetSim;
using Monitor.Shared.Models;
using Monitor.TestSupport;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>The real console (services, store, agent clients, the Servers pane's pushed presence) on 1,000 simulated
/// servers × 20 containers served by tools/FleetSim over the real protocol (TLS, key auth, metrics.watch), headless.</summary>
[Collection("Terminal.Gui")]
public sealed class FleetScaleEndToEndTests
{
    private const int Servers = 1000;

    [Fact]
    public async Task A_thousand_servers_come_online_with_metrics_and_paging_reaches_server_0997()
    {
        using var dir = new TempDirectory();
        await using var fleet = await FleetSimulator.StartAsync(new FleetOptions
        {
            Directory = dir.File("fleet"), Servers = Servers, Containers = 20, LogLinesPerSecond = 0,
            // Plain ws://: the test is about the console at scale. TLS on both ends of 1,000 handshakes in one test
            // process costs minutes on a loaded 2-core machine; scripts/bench/fleet.sh measures it with TLS.
            Tls = false,
        });
        await using var services = await MonitorServicesFactory.OpenAsync(fleet.Files.ConfigFile);
        foreach (var server in fleet.Servers)
            await services.Store.UpsertServerAsync(new ServerInfo { Name = server.Name, Url = fleet.Url(server), TlsFingerprint = fleet.TlsFingerprint });

        using var tui = new TuiHarness(services, width: 120, height: 40);
        // Not awaited: panes post their results to the UI thread, which WaitFor pumps.
        var refresh = tui.Window.RefreshAllAsync();
        var online = tui.WaitFor(s => s.Contains($"servers {Servers}/{Servers} online", StringComparison.Ordinal)
            && tui.Window.Servers.Context.List.Items.All(r => r.CpuPercent is not null) && refresh.IsCompleted,
            $"{Servers}/{Servers} online with metrics (first refresh done: {refresh.IsCompleted})", timeoutMs: 90_000);
        Assert.Matches(@"sim-0000\s+online\s+\d+%", online);
        Assert.Equal(Servers, fleet.OpenSessions);

        for (var i = 0; i < 99; i++) tui.Press(Key.PageDown);
        for (var i = 0; i < 7; i++) tui.Press(new Key('j'));
        var paged = tui.WaitFor(s => Regex.IsMatch(s, @"sim-0997\s+online\s+\d+%"), "the row of sim-0997 after paging");
        Assert.Equal("sim-0997", tui.Window.Servers.Context.List.Selected?.Name);
        Assert.DoesNotMatch(@"sim-0000\s+online", paged); // the first rows scrolled out of view
    }
}
