using Monitor.Control.Agents;
using Monitor.Control.Services;

namespace Monitor.Control.Tui.Contexts;

/// <summary>The Servers pane's state: a list of <see cref="ServerRow"/> built incrementally by a
/// <see cref="ServerRowBuilder"/> (which keeps the metric history behind the sparklines); keepalive devices follow as
/// rows with their last-seen. <see cref="Prepare"/> runs anywhere (the pane calls it off the UI thread);
/// <see cref="Show"/> swaps the result in on the UI thread.</summary>
public sealed class ServersContext
{
    public const int HistoryLength = ServerRowBuilder.HistoryLength;
    private readonly ServerRowBuilder _builder = new();

    public ListContext<ServerRow> List { get; } = new(
    [
        new("NAME", 10, r => r.Name),
        new("STATE", 7, r => StateText(r.State)),
        new("CPU", 4, r => Format.Percent(r.CpuPercent), r => r.CpuPercent),
        new("MEM", 4, r => Format.Percent(r.MemoryPercent), r => r.MemoryPercent),
        new("DISK", 4, r => Format.Percent(r.DiskPercent), r => r.DiskPercent),
        new("AGENT", 11, r => Fleet.AgentVersionFlag.Text(r.AgentVersion)),
        new("CPU/MEM", 0, r => r.Graph),
    ], r => r.Name);

    /// <summary>Servers online (devices not counted), as of the rows shown.</summary>
    public int Online { get; private set; }
    /// <summary>Servers listed (devices not counted), as of the rows shown.</summary>
    public int Total { get; private set; }

    public static string StateText(AgentConnectionState state) => state switch
    {
        AgentConnectionState.Online => "online",
        AgentConnectionState.Connecting => "conn…",
        AgentConnectionState.AuthFailed => "auth!",
        AgentConnectionState.Unreachable => "down",
        _ => "off",
    };

    /// <summary>Builds the rows for these statuses (only changed servers get new rows) and arranges them for the
    /// list's current filter and sort. Any thread.</summary>
    public ServerRowUpdate Prepare(IReadOnlyList<ServerStatus> statuses, IReadOnlyList<Devices.DeviceRecord>? devices = null)
    {
        var arrangement = List.Arrangement;
        var set = _builder.Build(statuses, devices, DateTimeOffset.UtcNow);
        var visible = ReferenceEquals(arrangement, ListArrangement.Natural) ? set.Rows : List.Arrange(set.Rows, arrangement);
        return new ServerRowUpdate(set, visible, arrangement);
    }

    /// <summary>Shows prepared rows (UI thread): a reference swap; the selection stays on the same server.</summary>
    public void Show(ServerRowUpdate update)
    {
        List.SetItems(update.Set.Rows, update.Visible, update.ArrangedFor);
        Online = update.Set.Online;
        Total = update.Set.Total;
    }

    /// <summary>Builds rows from fresh statuses and shows them (the polled path and tests).</summary>
    public void Apply(IReadOnlyList<ServerStatus> statuses, IReadOnlyList<Devices.DeviceRecord>? devices = null) =>
        Show(Prepare(statuses, devices));
}
