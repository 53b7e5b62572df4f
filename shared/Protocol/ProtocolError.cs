namespace Monitor.Shared.Protocol;

/// <summary>A structured error: a stable machine code (see <see cref="ErrorCodes"/>) and a message for people.</summary>
public sealed record ProtocolError(string Code, string Message);
