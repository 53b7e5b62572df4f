using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Control.Fleet;

/// <summary>Opens a TLS connection to a wss:// agent only to read its certificate's fingerprint (no WebSocket, no auth):
/// what `server add` shows and pins and what `server trust` accepts.</summary>
public static class TlsProbe
{
    public static async Task<string> FingerprintAsync(Uri url, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        string? seen = null;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(url.Host, url.Port, limit.Token).ConfigureAwait(false);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = url.IdnHost,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not null) seen = CertificateFingerprint.Of(certificate);
                    return certificate is not null;
                },
            }, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new OperationFailedException($"cannot read the TLS certificate of {url}: no answer within {timeout.TotalSeconds:0} s; is monitor-agent running and reachable?", ErrorCodes.Unreachable);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException)
        {
            throw new OperationFailedException($"cannot read the TLS certificate of {url}: {e.Message}; is monitor-agent running there with tls on (wss://)?", ErrorCodes.Unreachable, e);
        }
        return seen ?? throw new OperationFailedException($"{url} presented no TLS certificate", ErrorCodes.Unreachable);
    }
}
