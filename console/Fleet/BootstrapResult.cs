using Monitor.Shared.Models;

namespace Monitor.Control.Fleet;

/// <summary>The outcome of a bootstrap: the server as registered, its pinned TLS fingerprint, how the agent runs
/// ("systemd" or "background") and every step.</summary>
public sealed record BootstrapResult(ServerInfo Server, string TlsFingerprint, string Mode, IReadOnlyList<BootstrapStep> Steps);
