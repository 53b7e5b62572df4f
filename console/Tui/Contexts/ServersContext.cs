using Monitor.Control.Agents;
using Monitor.Control.Services;

namespace Monitor.Control.Tui.Contexts;

/// <summary>The Servers pane's state: a list of <see cref="ServerRow"/> and the metric history behind the sparklines
/// (kept for <see cref="HistoryLength"/> samples, one per refresh); keepalive devices follow as rows with their last-seen.</summary>
public sealed class ServersContext
{
    public const int HistoryLength = 60;
    private readonly Dictionary<string, (List<double> Cpu, List<double> Mem)> _history = new(StringComparer.OrdinalIgnoreCase);

    public ListContext<ServerRow> List { get; } = new(
    [
        new("NAME", 10, r => r.Name),
        new("STATE", 7, r => StateText(r.State)),
        new("CPU", 4, r => Format.Percent(r.CpuPercent), r => r.CpuPercent),
        new("MEM", 4, r => Format.Percent(r.MemoryPercent), r => r.MemoryPercent),
        new("DISK", 4, r => Format.Percent(r.DiskPercent), r => r.DiskPercent),
        new("AGENT", 11, r => Fleet.AgentVersionFlag.Text(r.AgentVersion)),
        new("CPU/MEM", 0, r => r.IsDevice ? DeviceText(r) : Sparkline.Render(r.CpuHistory, 10) + " " + Sparkline.Render(r.MemoryHistory, 10)),
    ], r => r.Name);

    public int Online => List.Items.Count(r => r.Online && !r.IsDevice);
    public int Total => List.Items.Count(r => !r.IsDevice);

    private static string DeviceText(ServerRow r) =>
        "device, last seen " + (r.LastSeen is { } seen ? seen.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "never");

    public static string StateText(AgentConnectionState state) => state switch
    {
        AgentConnectionState.Online => "online",
        AgentConnectionState.Connecting => "conn…",
        AgentConnectionState.AuthFailed => "auth!",
        AgentConnectionState.Unreachable => "down",
        _ => "off",
    };

    /// <summary>Builds rows from fresh statuses and appends their metrics to the history.</summary>
    public void Apply(IReadOnlyList<ServerStatus> statuses, IReadOnlyList<Devices.DeviceRecord>? devices = null)
    {
        var rows = new List<ServerRow>();
        foreach (var s in statuses)
        {
            if (!_history.TryGetValue(s.Server.Name, out var h)) _history[s.Server.Name] = h = ([], []);
            var m = s.Metrics;
            double? cpu = m?.CpuPercent;
            double? mem = m is { MemoryTotalBytes: > 0 } ? 100.0 * m.MemoryUsedBytes / m.MemoryTotalBytes : null;
            var root = m?.Disks.FirstOrDefault(d => d.Mount == "/") ?? m?.Disks.FirstOrDefault();
            double? disk = root is { TotalBytes: > 0 } ? 100.0 * root.UsedBytes / root.TotalBytes : null;
            if (cpu is not null) Append(h.Cpu, cpu.Value);
            if (mem is not null) Append(h.Mem, mem.Value);
            rows.Add(new ServerRow(s.Server.Name, s.Server.Url, s.State, cpu, mem, disk, h.Cpu.ToList(), h.Mem.ToList(), s.Error, KeyRole: s.KeyRole, AgentVersion: s.Agent?.AgentVersion));
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var d in devices ?? [])
            rows.Add(new ServerRow(d.Name, "", d.IsMissed(now) ? AgentConnectionState.Unreachable : AgentConnectionState.Online,
                null, null, null, [], [], null, IsDevice: true, LastSeen: d.LastSeen));
        List.SetItems(rows);
    }

    private static void Append(List<double> list, double value)
    {
        list.Add(value);
        if (list.Count > HistoryLength) list.RemoveAt(0);
    }
}
