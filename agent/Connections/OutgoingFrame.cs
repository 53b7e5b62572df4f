using System.Net.WebSockets;

namespace Monitor.Agent.Connections;

/// <summary>An item for the socket's single writer: an encoded frame to send, or the close that ends the connection.</summary>
internal sealed record OutgoingFrame(byte[]? Bytes, WebSocketCloseStatus? Close = null, string? CloseReason = null);
