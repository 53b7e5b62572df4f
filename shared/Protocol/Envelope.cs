using System.Text.Json;

namespace Monitor.Shared.Protocol;

/// <summary>
/// One WebSocket text frame. Every frame is an envelope; <see cref="Type"/> is one of <see cref="FrameTypes"/>.
/// Requests carry a correlation <see cref="Id"/> and a <see cref="Method"/> (see <see cref="Methods"/>);
/// the answer reuses the id. Stream frames reuse the id of the request that opened the stream and carry
/// a sequence number starting at 1.
/// </summary>
public sealed record Envelope
{
    public required string Type { get; init; }
    public string? Id { get; init; }
    public string? Method { get; init; }
    public long? Seq { get; init; }
    public JsonElement? Payload { get; init; }
    public ProtocolError? Error { get; init; }
}
