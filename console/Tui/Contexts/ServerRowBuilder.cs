using Monitor.Control.Agents;
using Monitor.Control.Services;

namespace Monitor.Control.Tui.Contexts;

/// <summary>
/// Builds the Servers pane's rows incrementally. A server whose status shows nothing new since the last build keeps
/// its row object, so the list swap and the "did a visible row change?" check are reference compares; only a server
/// with a new sample, state, error or agent gets a new row, with its sparklines rendered once (not at every draw).
/// Safe to call from any thread; builds are serialised. Order follows the statuses given, then the devices.
/// </summary>
public sealed class ServerRowBuilder
{
    public const int HistoryLength = 60;
    public const int SparklineWidth = 10;
    private readonly Dictionary<string, Entry> _servers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (ServerRow Row, int Generation)> _devices = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private int _generation;

    public ServerRowSet Build(IReadOnlyList<ServerStatus> statuses, IReadOnlyList<Devices.DeviceRecord>? devices, DateTimeOffset now)
    {
        lock (_gate)
        {
            var generation = ++_generation;
            var rows = new ServerRow[statuses.Count + (devices?.Count ?? 0)];
            int online = 0, changed = 0, i = 0;
            foreach (var s in statuses)
            {
                if (!_servers.TryGetValue(s.Server.Name, out var entry)) _servers[s.Server.Name] = entry = new Entry();
                entry.Generation = generation;
                if (entry.Row is null || !entry.Shows(s)) { entry.Update(s); changed++; }
                rows[i++] = entry.Row!;
                if (s.State == AgentConnectionState.Online) online++;
            }
            foreach (var d in devices ?? [])
            {
                var state = d.IsMissed(now) ? AgentConnectionState.Unreachable : AgentConnectionState.Online;
                if (!_devices.TryGetValue(d.Name, out var known) || known.Row.State != state || known.Row.LastSeen != d.LastSeen)
                {
                    known.Row = new ServerRow(d.Name, "", state, null, null, null, [], [], null, IsDevice: true, LastSeen: d.LastSeen)
                    { Graph = DeviceText(d.LastSeen) };
                    changed++;
                }
                _devices[d.Name] = (known.Row, generation);
                rows[i++] = known.Row;
            }
            // Servers no longer listed lose their history (a server removed and added again starts afresh).
            if (_servers.Count > statuses.Count)
                foreach (var (name, entry) in _servers)
                    if (entry.Generation != generation) _servers.Remove(name);
            if (_devices.Count > (devices?.Count ?? 0))
                foreach (var (name, known) in _devices)
                    if (known.Generation != generation) _devices.Remove(name);
            return new ServerRowSet(rows, online, statuses.Count, changed);
        }
    }

    private static string DeviceText(DateTimeOffset? seen) =>
        "device, last seen " + (seen is { } s ? s.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "never");

    private sealed class Entry
    {
        private readonly MetricTrail _cpu = new(HistoryLength);
        private readonly MetricTrail _mem = new(HistoryLength);
        private DateTimeOffset? _sampled;
        private ServerStatus? _shown;
        public int Generation;
        public ServerRow? Row;

        /// <summary>True when the row already shows everything <paramref name="s"/> says.</summary>
        public bool Shows(ServerStatus s) =>
            _shown is { } o && o.State == s.State && o.Error == s.Error && o.KeyRole == s.KeyRole && o.Server.Url == s.Server.Url
            && o.Agent?.AgentVersion == s.Agent?.AgentVersion
            && (ReferenceEquals(o.Metrics, s.Metrics) || (o.Metrics is { } a && s.Metrics is { } b && a.Time == b.Time && a.CpuPercent == b.CpuPercent
                && a.MemoryUsedBytes == b.MemoryUsedBytes && a.MemoryTotalBytes == b.MemoryTotalBytes && RootDisk(a) == RootDisk(b)));

        public void Update(ServerStatus s)
        {
            var m = s.Metrics;
            double? cpu = m?.CpuPercent;
            double? mem = m is { MemoryTotalBytes: > 0 } ? 100.0 * m.MemoryUsedBytes / m.MemoryTotalBytes : null;
            double? disk = RootDisk(m);
            // One point per sample: the same sample can be seen again (a state change, a refresh).
            if (m is not null && _sampled != m.Time)
            {
                _sampled = m.Time;
                if (cpu is not null) _cpu.Append(cpu.Value);
                if (mem is not null) _mem.Append(mem.Value);
            }
            _shown = s;
            Row = new ServerRow(s.Server.Name, s.Server.Url, s.State, cpu, mem, disk, _cpu.ToArray(), _mem.ToArray(), s.Error,
                KeyRole: s.KeyRole, AgentVersion: s.Agent?.AgentVersion)
            { Graph = _cpu.Sparkline(SparklineWidth) + " " + _mem.Sparkline(SparklineWidth) };
        }

        private static double? RootDisk(Monitor.Shared.Protocol.HostMetrics? m)
        {
            if (m is null) return null;
            Monitor.Shared.Protocol.DiskUsage? root = null;
            foreach (var d in m.Disks) if (d.Mount == "/") { root = d; break; }
            root ??= m.Disks.Count > 0 ? m.Disks[0] : null;
            return root is { TotalBytes: > 0 } ? 100.0 * root.UsedBytes / root.TotalBytes : null;
        }
    }
}
