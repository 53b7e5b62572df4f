using Monitor.Shared.Config;

namespace Monitor.Agent.Hosting;

/// <summary>A running agent (Kestrel + WebSocket endpoint at "/"). Used by Program and, in-process, by tests.</summary>
public sealed class AgentHost : IAsyncDisposable
{
    /// <summary>ws://host:port of the running agent.</summary>
    public Uri Url { get; } = new("ws://127.0.0.1:0");

    public static Task<AgentHost> StartAsync(AgentConfig config, CancellationToken ct = default) =>
        throw new InvalidOperationException("agent host: being built");

    public Task StopAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
