using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Agent.Routes;

/// <summary>The certificate Caddy presents for a host: a TLS handshake to the local HTTPS port with the host as SNI
/// (Caddy's admin API has no certificate listing).</summary>
public static class CertificateProbe
{
    public static async Task<(string State, DateTimeOffset? Expires)> ProbeAsync(string host, int port, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, timeout.Token).ConfigureAwait(false);
            if (tls.RemoteCertificate is null) return ("none yet", null);
            using var cert = new X509Certificate2(tls.RemoteCertificate);
            var expires = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var issuer = cert.GetNameInfo(X509NameType.SimpleName, forIssuer: true);
            var state = expires < DateTimeOffset.UtcNow ? "expired" : "valid";
            return ($"{state} until {expires:yyyy-MM-dd HH:mm}Z ({issuer})", expires);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            return ("none yet", null);
        }
    }
}
