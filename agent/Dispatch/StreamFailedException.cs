namespace Monitor.Agent.Dispatch;

/// <summary>A stream handler failed after the stream's response went out: the error belongs in stream.end
/// (with sequence number <see cref="Seq"/>), not in an error frame.</summary>
internal sealed class StreamFailedException(long seq, Exception inner) : Exception(inner.Message, inner)
{
    public long Seq { get; } = seq;
}
