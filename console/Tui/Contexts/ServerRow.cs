using Monitor.Control.Agents;

namespace Monitor.Control.Tui.Contexts;

/// <summary>What the Servers pane shows for one server: state, metrics now, and recent CPU/memory history.</summary>
public sealed record ServerRow(
    string Name,
    string Url,
    AgentConnectionState State,
    double? CpuPercent,
    double? MemoryPercent,
    double? DiskPercent,
    IReadOnlyList<double> CpuHistory,
    IReadOnlyList<double> MemoryHistory,
    string? Error,
    bool IsDevice = false,
    DateTimeOffset? LastSeen = null,
    string? KeyRole = null,
    string? AgentVersion = null)
{
    public bool Online => State == AgentConnectionState.Online;

    /// <summary>The CPU/MEM column: the two sparklines (a device: its last-seen), rendered once when the row is built.</summary>
    public string Graph { get; init; } = "";
}
