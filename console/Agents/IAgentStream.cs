namespace Monitor.Control.Agents;

/// <summary>An open stream from an agent: batches in order, then one end payload (or an error).</summary>
public interface IAgentStream<TItem, TEnd> : IAsyncDisposable
{
    /// <summary>Yields each stream frame's payload in order; completes at stream end; throws AgentException when
    /// the agent reports an error or the connection drops (code unreachable).</summary>
    IAsyncEnumerable<TItem> ReadAllAsync(CancellationToken ct = default);

    /// <summary>The end payload, available after <see cref="ReadAllAsync"/> completes.</summary>
    Task<TEnd> Completion { get; }

    /// <summary>Sends console→agent input on an interactive stream (exec stdin, resize).</summary>
    Task SendInputAsync<TInput>(TInput input, CancellationToken ct = default);
}
