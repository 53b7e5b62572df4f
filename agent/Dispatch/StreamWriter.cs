using System.Text.Json;
using System.Threading.Channels;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Dispatch;

/// <summary>Numbers stream frames 1, 2, 3, ... and hands them to the connection's single writer.</summary>
internal sealed class StreamWriter<TItem>(string id, IRequestChannel channel, ChannelReader<JsonElement> input) : IStreamWriter<TItem>
{
    private long _seq;

    /// <summary>The sequence number the next frame (or the stream.end) carries.</summary>
    public long NextSeq => Interlocked.Read(ref _seq) + 1;

    public ChannelReader<JsonElement> Input => input;

    public ValueTask WriteAsync(TItem item, CancellationToken ct) =>
        channel.SendAsync(FrameCodec.StreamData(id, Interlocked.Increment(ref _seq), item), ct);
}
