using System.Net.WebSockets;

namespace Monitor.Agent.Connections;

internal enum ReceivedKind { Text, Binary, Close, TooBig }

/// <summary>One whole WebSocket message, or why there is none.</summary>
internal readonly record struct ReceivedMessage(ReceivedKind Kind, byte[] Data)
{
    public static ReceivedMessage Closed { get; } = new(ReceivedKind.Close, []);
    public static ReceivedMessage TooBig { get; } = new(ReceivedKind.TooBig, []);
}
