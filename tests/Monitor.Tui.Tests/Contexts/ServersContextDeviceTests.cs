using Monitor.Control.Agents;
using Monitor.Control.Devices;
using Monitor.Control.Services;
using Monitor.Control.Tui.Contexts;
using Monitor.Shared.Models;

namespace Monitor.Tui.Tests.Contexts;

/// <summary>Keepalive devices follow the servers as rows with their last-seen; a silent device shows as down; the
/// header counts stay about servers.</summary>
public sealed class ServersContextDeviceTests
{
    [Fact]
    public void Devices_are_rows_with_last_seen_and_do_not_count_as_servers()
    {
        var context = new ServersContext();
        var now = DateTimeOffset.UtcNow;
        var server = new ServerStatus(new ServerInfo { Name = "web1", Url = "ws://127.0.0.1:9" }, AgentConnectionState.Online, null, null, null);
        DeviceRecord Device(string name, DateTimeOffset? seen) =>
            new() { Name = name, TokenHash = DeviceTokens.Hash(name), IntervalSeconds = 60, Added = now.AddHours(-1), LastSeen = seen };
        context.Apply([server], [Device("esp32-door", now.AddSeconds(-5)), Device("demo-box", now.AddMinutes(-10))]);

        Assert.Equal(3, context.List.Items.Count);
        Assert.Equal(1, context.Total);
        Assert.Equal(1, context.Online);
        var fresh = context.List.Items.Single(r => r.Name == "esp32-door");
        Assert.True(fresh.IsDevice);
        Assert.Equal(AgentConnectionState.Online, fresh.State);
        Assert.Contains("device, last seen", context.List.RowText(fresh, 120));
        var silent = context.List.Items.Single(r => r.Name == "demo-box");
        Assert.Equal(AgentConnectionState.Unreachable, silent.State);
        Assert.Contains("down", context.List.RowText(silent, 120));
        Assert.False(context.List.Items.Single(r => r.Name == "web1").IsDevice);
    }
}
