using Monitor.Shared.Protocol;

namespace Monitor.Control.Agents;

/// <summary>
/// One authenticated WebSocket to one server's agent. Reconnects by itself with jittered, bounded backoff.
/// Requests made while the agent is unreachable fail fast with <see cref="AgentException"/> (code unreachable)
/// instead of queueing forever.
/// </summary>
public interface IAgentClient : IAsyncDisposable
{
    string ServerName { get; }
    AgentConnectionState State { get; }
    /// <summary>Why the last connect failed, said for people; null when online.</summary>
    string? LastError { get; }
    event EventHandler<AgentConnectionState>? StateChanged;

    /// <summary>Connects (if not yet) and waits until online; throws <see cref="AgentException"/> on auth failure or timeout.</summary>
    Task EnsureConnectedAsync(CancellationToken ct = default);

    /// <summary>Sends one request of <paramref name="method"/> and waits (bounded by <paramref name="timeout"/>, else the
    /// client's request timeout) for its response.</summary>
    Task<TResponse> RequestAsync<TRequest, TResponse>(RequestMethod<TRequest, TResponse> method, TRequest request, TimeSpan? timeout = null, CancellationToken ct = default);

    /// <summary>Opens a stream. Items arrive in order (sequence numbers are checked); disposing the stream cancels it on the agent.</summary>
    Task<IAgentStream<TItem, TEnd>> OpenStreamAsync<TRequest, TItem, TEnd>(StreamMethod<TRequest, TItem, TEnd> method, TRequest request, CancellationToken ct = default);
}
