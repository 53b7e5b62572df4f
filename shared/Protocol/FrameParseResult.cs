namespace Monitor.Shared.Protocol;

public readonly record struct FrameParseResult(Envelope? Envelope, ProtocolError? Error)
{
    public bool IsOk => Envelope is not null;
    public static FrameParseResult Ok(Envelope envelope) => new(envelope, null);
    public static FrameParseResult Fail(string code, string message) => new(null, new ProtocolError(code, message));
}
