using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Monitor.TestSupport;

/// <summary>A real Caddy (Debian's package) for one test: its own admin port on loopback, HTTP/HTTPS ports for the
/// routes, and its own data dir (so its internal CA is the test's). Started with nothing but the admin address: the
/// agent configures it through the admin API. <see cref="RestartAsync"/> kills it (by its PID) and starts it empty.</summary>
public sealed class CaddyProcess : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _process;

    private CaddyProcess()
    {
        AdminPort = FreePort.Next();
        HttpPort = FreePort.Next();
        HttpsPort = FreePort.Next();
    }

    public int AdminPort { get; }
    public int HttpPort { get; }
    public int HttpsPort { get; }
    public string AdminUrl => $"http://127.0.0.1:{AdminPort}";

    public static async Task<CaddyProcess> StartAsync()
    {
        var caddy = new CaddyProcess();
        await caddy.StartProcessAsync();
        return caddy;
    }

    /// <summary>Points an agent at this Caddy (admin URL, loopback route ports, a quick drift check).</summary>
    public void Configure(Monitor.Shared.Config.AgentConfig config)
    {
        config.CaddyAdmin = AdminUrl;
        config.RouteListenHost = "127.0.0.1";
        config.RouteHttpPort = HttpPort;
        config.RouteHttpsPort = HttpsPort;
        config.RouteCheckSeconds = 1;
    }

    private async Task StartProcessAsync()
    {
        var bootstrap = _dir.File("bootstrap.json");
        await File.WriteAllTextAsync(bootstrap, "{\"admin\":{\"listen\":\"127.0.0.1:" + AdminPort + "\",\"config\":{\"persist\":false}}}");
        var info = new ProcessStartInfo("caddy") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "run", "--config", bootstrap }) info.ArgumentList.Add(arg);
        info.Environment["HOME"] = _dir.Path;
        info.Environment["XDG_DATA_HOME"] = _dir.File("data");
        info.Environment["XDG_CONFIG_HOME"] = _dir.File("config");
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try { if ((await http.GetAsync($"{AdminUrl}/config/")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (_process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"caddy did not start (admin port {AdminPort})");
            await Task.Delay(100);
        }
    }

    /// <summary>kill -9 and start again with an empty config.</summary>
    public async Task RestartAsync()
    {
        Stop();
        await StartProcessAsync();
    }

    /// <summary>The config Caddy runs now, as JSON text ("null" when empty).</summary>
    public async Task<string> ConfigJsonAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync($"{AdminUrl}/config/");
    }

    /// <summary>The root certificate of Caddy's internal CA (PEM), from the admin API.</summary>
    public async Task<string> RootCertificatePemAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await http.GetAsync($"{AdminUrl}/pki/ca/local");
            if (response.IsSuccessStatusCode)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return doc.RootElement.GetProperty("root_certificate").GetString()!;
            }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"caddy has no local CA: {(int)response.StatusCode}");
            await Task.Delay(200);
        }
    }

    /// <summary>An HTTP client that sends every request to this Caddy (whatever the URL's host, which stays the SNI and
    /// Host) and trusts only <paramref name="rootPem"/> (null: plain HTTP only).</summary>
    public static HttpClient Client(string? rootPem, TimeSpan? timeout = null)
    {
        X509Certificate2? root = rootPem is null ? null : X509Certificate2.CreateFromPem(rootPem);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try { await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct); return new NetworkStream(socket, ownsSocket: true); }
                catch { socket.Dispose(); throw; }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, sent, errors) =>
                {
                    if (root is null || certificate is null) return false;
                    if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    if (sent is not null) foreach (var element in sent.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                    return chain.Build(new X509Certificate2(certificate));
                },
            },
        };
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(5) };
    }

    private void Stop()
    {
        if (_process is null) return;
        try { if (!_process.HasExited) { _process.Kill(); _process.WaitForExit(10_000); } }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
