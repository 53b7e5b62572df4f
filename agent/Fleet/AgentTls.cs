using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Monitor.Agent.Fleet;

/// <summary>Puts the agent's endpoint behind TLS 1.2+ with its own certificate (no client certificates: consoles
/// authenticate with their key after the upgrade). A null certificate leaves the endpoint plain (tls = false).</summary>
public static class AgentTls
{
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public static void Apply(ListenOptions endpoint, X509Certificate2? certificate)
    {
        if (certificate is null) return;
        endpoint.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = ClientCertificateMode.NoCertificate,
            HandshakeTimeout = HandshakeTimeout,
        });
    }
}
