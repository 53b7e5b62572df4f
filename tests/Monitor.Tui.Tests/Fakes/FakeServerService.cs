using System.Collections.Concurrent;
using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Fakes;

public sealed class FakeServerService : IServerService
{
    public ConcurrentDictionary<string, ServerStatus> Servers { get; } = new();

    public void Put(string name, AgentConnectionState state, double cpu = 10, long memUsed = 512, long memTotal = 1024)
    {
        var info = new ServerInfo { Name = name, Url = $"ws://127.0.0.1:1/{name}" };
        var metrics = state == AgentConnectionState.Online
            ? new HostMetrics(DateTimeOffset.UtcNow, cpu, 0.5, 0.4, 0.3, memTotal, memUsed, memTotal - memUsed, 0, 0,
                [new DiskUsage("/", "/dev/sda1", "ext4", 100, 25, 75)], [], 42, [], 1000)
            : null;
        Servers[name] = new ServerStatus(info, state, state == AgentConnectionState.Online ? null : "connection refused", null, metrics);
    }

    public Task<IReadOnlyList<ServerInfo>> ListAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ServerInfo>>(Servers.Values.Select(s => s.Server).OrderBy(s => s.Name).ToList());

    public Task<ServerInfo> AddAsync(string name, string url, string? description = null, CancellationToken ct = default)
    {
        var info = new ServerInfo { Name = name, Url = url, Description = description };
        Servers[name] = new ServerStatus(info, AgentConnectionState.Disconnected, null, null, null);
        return Task.FromResult(info);
    }

    public Task RemoveAsync(string name, CancellationToken ct = default)
    {
        Servers.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<ServerStatus> StatusAsync(string name, CancellationToken ct = default) =>
        Servers.TryGetValue(name, out var s) ? Task.FromResult(s) : throw new OperationFailedException($"Server '{name}' is not known.");
}
