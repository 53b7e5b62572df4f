using Monitor.Shared.Models;

namespace Monitor.Control.Fleet;

/// <summary>The TLS cell of a server row: the pinned fingerprint (shortened), "not pinned yet", or a plain-ws warning.</summary>
public static class TlsColumn
{
    public static string Of(ServerInfo server) =>
        ServerTrustService.IsPlain(server.Url) ? "PLAIN ws:// (unencrypted)"
        : server.TlsFingerprint is { } pin ? (pin.Length > 23 ? pin[..23] + "…" : pin)
        : "not pinned yet";
}
