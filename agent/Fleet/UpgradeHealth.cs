using System.Diagnostics;
using System.Net;
using System.Net.Security;
using Monitor.Shared.Security;

namespace Monitor.Agent.Fleet;

/// <summary>Is the new agent up? It is when an HTTP request to the agent's address gets any answer over TLS with the
/// agent's own certificate (or plain, with tls = false) while the new process is still alive.</summary>
public static class UpgradeHealth
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Null when healthy, else why not.</summary>
    public static async Task<string?> WaitAsync(Process child, IPEndPoint endpoint, bool tls, string? fingerprint, TimeSpan timeout, Task stop)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                // Our own certificate, by fingerprint: proves the answer comes from an agent holding this agent's key.
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && CertificateFingerprint.Of(certificate) == fingerprint,
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        var host = endpoint.Address.ToString().Contains(':', StringComparison.Ordinal) ? $"[{endpoint.Address}]" : endpoint.Address.ToString();
        var url = new Uri($"{(tls ? "https" : "http")}://{host}:{endpoint.Port}/");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (stop.IsCompleted) return "the agent was asked to stop meanwhile";
            if (child.HasExited) return $"the new agent exited with code {child.ExitCode}";
            try
            {
                using var response = await http.GetAsync(url).ConfigureAwait(false);
                if (!child.HasExited) return null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException) { }
            await Task.WhenAny(stop, Task.Delay(Poll)).ConfigureAwait(false);
        }
        return $"the new agent did not answer on {url} within {timeout.TotalSeconds:0} s";
    }
}
