using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

/// <summary>Container operations on one server. Every state-changing call is recorded in the history.</summary>
public interface IContainerService
{
    Task<IReadOnlyList<ContainerSummary>> ListAsync(string server, bool all = true, CancellationToken ct = default);
    Task<ContainerDetails> InspectAsync(string server, string container, CancellationToken ct = default);
    Task<ContainerStats> StatsAsync(string server, string container, CancellationToken ct = default);
    Task<ContainerActionResult> StartAsync(string server, string container, CancellationToken ct = default);
    Task<ContainerActionResult> StopAsync(string server, string container, CancellationToken ct = default);
    Task<ContainerActionResult> RestartAsync(string server, string container, CancellationToken ct = default);
    Task<ContainerActionResult> RemoveAsync(string server, string container, bool force = false, CancellationToken ct = default);
}
