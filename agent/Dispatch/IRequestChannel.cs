using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

/// <summary>The per-connection outlet a running handler sends its frames through (one writer per socket).</summary>
public interface IRequestChannel
{
    ValueTask SendAsync(Envelope frame, CancellationToken ct);
}
