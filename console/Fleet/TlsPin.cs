using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Monitor.Shared.Security;

namespace Monitor.Control.Fleet;

/// <summary>Checks an agent's TLS certificate against the fingerprint pinned for its server, the way SSH checks host
/// keys: agents sign their own certificates, so the chain and host name mean nothing and the pin is all that counts.
/// With nothing pinned yet the first certificate seen is accepted and becomes the pin (trust on first use;
/// <see cref="FirstUse"/> tells the owner so it can be stored). A different certificate later is refused and
/// remembered in <see cref="Mismatch"/> until the operator trusts it.</summary>
public sealed class TlsPin(string? pinned)
{
    private readonly Lock _gate = new();

    public string? Pinned { get; private set; } = pinned;

    /// <summary>The fingerprint of the last certificate refused; null when the last handshake matched.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>Raised once with the fingerprint pinned on first use.</summary>
    public event Action<string>? FirstUse;

    public ClientWebSocket Configure(ClientWebSocket socket)
    {
        socket.Options.RemoteCertificateValidationCallback = Validate;
        return socket;
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        var seen = CertificateFingerprint.Of(certificate);
        string? pinnedNow = null;
        lock (_gate)
        {
            if (Pinned is null)
            {
                Pinned = seen;
                pinnedNow = seen;
            }
            else if (!string.Equals(Pinned, seen, StringComparison.Ordinal))
            {
                Mismatch = seen;
                return false;
            }
            Mismatch = null;
        }
        if (pinnedNow is not null) FirstUse?.Invoke(pinnedNow);
        return true;
    }

    /// <summary>What to tell the operator when <see cref="Mismatch"/> is set.</summary>
    public static string Warning(string server, string url, string pinned, string seen) =>
        $"WARNING: the agent at {url} presented TLS certificate {seen}, but {pinned} is pinned for '{server}'. " +
        "Someone may be intercepting the connection, or the agent's certificate was replaced. " +
        $"Check on the server with `monitor-agent --fingerprint`; if it is expected, run `monitor server trust {server}`.";
}
