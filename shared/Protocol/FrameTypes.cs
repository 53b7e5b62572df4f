namespace Monitor.Shared.Protocol;

/// <summary>
/// Frame types. Connection flow: agent sends <see cref="Hello"/> (nonce) → console sends <see cref="Auth"/>
/// (signature) → agent answers <see cref="AuthOk"/> or an <see cref="Error"/> and closes.
/// After that: <see cref="Request"/> → exactly one <see cref="Response"/> or <see cref="Error"/>.
/// A streaming method answers <see cref="Response"/> first, then <see cref="StreamData"/> frames (seq 1, 2, ...)
/// and finally one <see cref="StreamEnd"/> (payload = method-specific summary, or Error set when it failed).
/// The console may send <see cref="Cancel"/> with the id of a request or stream; <see cref="StreamInput"/>
/// carries console→agent data for an open interactive stream (exec stdin, resize).
/// </summary>
public static class FrameTypes
{
    public const string Hello = "hello";
    public const string Auth = "auth";
    public const string AuthOk = "auth.ok";
    public const string Request = "request";
    public const string Response = "response";
    public const string Error = "error";
    public const string StreamData = "stream";
    public const string StreamEnd = "stream.end";
    public const string StreamInput = "stream.input";
    public const string Cancel = "cancel";
    public const string Ping = "ping";
    public const string Pong = "pong";
}
