using Monitor.Shared.Models;

namespace Monitor.Control.Fleet;

/// <summary>What `server add` did about TLS: the server as stored, and one line for the operator.</summary>
public sealed record PinnedAdd(ServerInfo Server, string Note);
