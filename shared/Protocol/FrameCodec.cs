using System.Text.Json;

namespace Monitor.Shared.Protocol;

/// <summary>Turns envelopes into UTF-8 frames and back. Parsing never throws: a bad frame becomes an error result.</summary>
public static class FrameCodec
{
    public static byte[] Encode(Envelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(envelope, ProtocolJsonContext.Default.Envelope);

    public static string EncodeText(Envelope envelope) =>
        JsonSerializer.Serialize(envelope, ProtocolJsonContext.Default.Envelope);

    public static FrameParseResult Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > ProtocolVersion.MaxFrameBytes)
            return FrameParseResult.Fail(ErrorCodes.FrameTooLarge, $"frame of {utf8.Length} bytes exceeds the {ProtocolVersion.MaxFrameBytes}-byte limit");
        try
        {
            var envelope = JsonSerializer.Deserialize(utf8, ProtocolJsonContext.Default.Envelope);
            if (envelope is null || string.IsNullOrWhiteSpace(envelope.Type))
                return FrameParseResult.Fail(ErrorCodes.MalformedFrame, "frame has no 'type'");
            return FrameParseResult.Ok(envelope);
        }
        catch (JsonException ex)
        {
            return FrameParseResult.Fail(ErrorCodes.MalformedFrame, $"frame is not a valid envelope: {ex.Message}");
        }
    }

    public static FrameParseResult Decode(string text) => Decode(System.Text.Encoding.UTF8.GetBytes(text));

    // Builders for the common frames.
    public static Envelope Request<T>(string id, string method, T payload) =>
        new() { Type = FrameTypes.Request, Id = id, Method = method, Payload = ProtocolJson.ToElement(payload) };

    public static Envelope Request<T>(string id, AgentMethod method, T payload) => Request(id, method.Name, payload);

    public static Envelope Response<T>(string id, T payload) =>
        new() { Type = FrameTypes.Response, Id = id, Payload = ProtocolJson.ToElement(payload) };

    public static Envelope ErrorFrame(string? id, string code, string message) =>
        new() { Type = FrameTypes.Error, Id = id, Error = new ProtocolError(code, message) };

    public static Envelope StreamData<T>(string id, long seq, T payload) =>
        new() { Type = FrameTypes.StreamData, Id = id, Seq = seq, Payload = ProtocolJson.ToElement(payload) };

    public static Envelope StreamEnd<T>(string id, long seq, T payload, ProtocolError? error = null) =>
        new() { Type = FrameTypes.StreamEnd, Id = id, Seq = seq, Payload = ProtocolJson.ToElement(payload), Error = error };

    public static Envelope Cancel(string id) => new() { Type = FrameTypes.Cancel, Id = id };
}
