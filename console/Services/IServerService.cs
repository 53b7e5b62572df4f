using Monitor.Shared.Models;

namespace Monitor.Control.Services;

public interface IServerService
{
    Task<IReadOnlyList<ServerInfo>> ListAsync(CancellationToken ct = default);
    /// <summary>Adds (or updates) a server; recorded in the history. Throws <see cref="OperationFailedException"/> on bad input.</summary>
    Task<ServerInfo> AddAsync(string name, string url, string? description = null, CancellationToken ct = default);
    Task RemoveAsync(string name, CancellationToken ct = default);
    /// <summary>Connects if needed and reports state, agent info and current host metrics (null parts when unreachable).</summary>
    Task<ServerStatus> StatusAsync(string name, CancellationToken ct = default);
}
