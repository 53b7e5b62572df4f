using Monitor.Control.Composition;
using Monitor.FleetSim;
using Monitor.Shared.Models;
using Monitor.TestSupport;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests.EndToEnd;

/// <summary>The Servers pane's presence asks the agents for host-only metrics.watch samples (no container samples),
/// and the Containers pane still shows the selected server's containers with their figures; an agent older than the
/// option (FleetSim's <see cref="FleetOptions.HonourHostOnly"/> = false) sends container samples anyway and the console
/// works the same. Real protocol (TLS, key auth) against tools/FleetSim.</summary>
[Collection("Terminal.Gui")]
public sealed class HostOnlyPresenceTests
{
    private const int Servers = 4;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Servers_come_online_with_host_metrics_and_the_selected_servers_containers_show_their_figures(bool agentKnowsHostOnly)
    {
        using var dir = new TempDirectory();
        await using var fleet = await FleetSimulator.StartAsync(new FleetOptions
        {
            Directory = dir.File("fleet"), Servers = Servers, Containers = 6, LogLinesPerSecond = 0, HonourHostOnly = agentKnowsHostOnly,
        });
        await using var services = await MonitorServicesFactory.OpenAsync(fleet.Files.ConfigFile);
        foreach (var server in fleet.Servers)
            await services.Store.UpsertServerAsync(new ServerInfo { Name = server.Name, Url = fleet.Url(server), TlsFingerprint = fleet.TlsFingerprint });

        using var tui = new TuiHarness(services, width: 120, height: 40);
        var refresh = tui.Window.RefreshAllAsync();
        tui.WaitFor(s => s.Contains($"servers {Servers}/{Servers} online", StringComparison.Ordinal)
            && tui.Window.Servers.Context.List.Items.All(r => r.CpuPercent is not null) && refresh.IsCompleted,
            $"{Servers}/{Servers} online with host metrics", timeoutMs: 60_000);

        // Host-only: every server sent its first sample without containers (an old agent sends them all the same).
        var sent = fleet.Servers.Sum(s => s.ContainerSamplesSent);
        if (agentKnowsHostOnly) Assert.Equal(0, sent);
        else Assert.True(sent >= Servers * 6, $"an agent ignoring hostOnly sends its containers ({sent} samples)");

        tui.Press(new Key('j'), Key.Enter); // sim-0001's containers
        var screen = tui.WaitFor(s => s.Contains("app-05", StringComparison.Ordinal)
            && tui.Window.Containers.Context.List.Items.Count(r => r.Server == "sim-0001" && r.Stats?.CpuPercent is not null) == 6,
            "sim-0001's six containers with their CPU figures", timeoutMs: 30_000);
        Assert.Contains("app-00", screen);
        Assert.All(tui.Window.Containers.Context.List.Items, r => Assert.Equal("sim-0001", r.Server));
    }
}
