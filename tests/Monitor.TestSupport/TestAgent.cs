using Monitor.Agent.Hosting;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.TestSupport;

/// <summary>
/// A real monitor-agent running in-process on a free loopback port, talking to the real Docker engine, with a
/// fresh console key pair listed in its authorized_keys, serving wss:// with the certificate it made at first start
/// (as a real agent does; <c>configure: c =&gt; c.Tls = false</c> for plain ws://). <see cref="RestartAsync"/> stops and
/// starts it on the same port (for reconnect/resume tests) with the same certificate.
/// </summary>
public sealed class TestAgent : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private AgentHost _host;

    private TestAgent(TempDirectory dir, AgentConfig config, ConsoleKeyPair key, string keyPath, AgentHost host)
    {
        _dir = dir; Config = config; ConsoleKey = key; ConsoleKeyPath = keyPath; _host = host;
    }

    public AgentConfig Config { get; }
    /// <summary>The console key the agent trusts.</summary>
    public ConsoleKeyPair ConsoleKey { get; }
    /// <summary>PEM file of <see cref="ConsoleKeyPair"/> (public line beside it as .pub).</summary>
    public string ConsoleKeyPath { get; }
    public Uri Url => _host.Url;
    /// <summary>SHA256:... of the agent's TLS certificate; null when TLS is off.</summary>
    public string? TlsFingerprint => _host.TlsFingerprint;
    public string WorkDir => Config.WorkDir;

    public static async Task<TestAgent> StartAsync(Action<AgentConfig>? configure = null, CancellationToken ct = default)
    {
        var dir = new TempDirectory();
        var key = ConsoleKeyPair.Generate();
        var keyPath = dir.File("console_key.pem");
        key.Save(keyPath, "test-console");
        var authorized = dir.File("authorized_keys");
        await File.WriteAllTextAsync(authorized, key.PublicKeyLine("test-console") + "\n", ct);
        var config = new AgentConfig
        {
            Listen = $"127.0.0.1:{FreePort.Next()}",
            AuthorizedKeys = authorized,
            WorkDir = Directory.CreateDirectory(dir.File("work")).FullName,
        };
        configure?.Invoke(config);
        var host = await AgentHost.StartAsync(config, ct);
        return new TestAgent(dir, config, key, keyPath, host);
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async Task StartAgainAsync(CancellationToken ct = default) => _host = await AgentHost.StartAsync(Config, ct);

    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync();
        await StartAgainAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        ConsoleKey.Dispose();
        _dir.Dispose();
    }
}
