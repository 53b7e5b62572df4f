using Monitor.Shared.Protocol;

namespace Monitor.Agent.Tests.Support;

/// <summary>All frames of one stream, in arrival order.</summary>
public sealed class StreamFrames<TItem, TEnd>(IReadOnlyList<Envelope> frames)
{
    public IReadOnlyList<Envelope> Frames { get; } = frames;
    public Envelope Last => Frames[^1];
    public bool Succeeded => Last.Type == FrameTypes.StreamEnd && Last.Error is null;
    public ProtocolError? Error => Last.Error;
    public IReadOnlyList<TItem> Items => Frames.Where(f => f.Type == FrameTypes.StreamData).Select(f => ProtocolJson.FromElement<TItem>(f.Payload)!).ToList();
    public TEnd? End => Last.Type == FrameTypes.StreamEnd ? ProtocolJson.FromElement<TEnd>(Last.Payload) : default;
}
