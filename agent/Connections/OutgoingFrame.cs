using System.Net.WebSockets;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Connections;

/// <summary>An item for the socket's single writer: a frame to send, or the close that ends the connection.</summary>
internal sealed record OutgoingFrame(Envelope? Frame, WebSocketCloseStatus? Close = null, string? CloseReason = null);
