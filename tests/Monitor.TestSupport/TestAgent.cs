using Monitor.Agent.Hosting;
using Monitor.Shared.Config;
using Monitor.Shared.Security;

namespace Monitor.TestSupport;

/// <summary>
/// A real monitor-agent on a free loopback port, talking to the real Docker engine, with a fresh console key pair
/// listed in its authorized_keys, serving wss:// with the certificate it made at first start (as a real agent does;
/// <c>configure: c =&gt; c.Tls = false</c> for plain ws://). <see cref="StartAsync"/> runs the published NativeAOT agent
/// as its own process (agent.toml written from <see cref="Config"/>) or the agent's host in-process, as
/// <see cref="AgentExecutable.OutOfProcess"/> decides (MONITOR_TEST_AGENT=published|inprocess).
/// <see cref="RestartAsync"/> stops and starts it on the same port (for reconnect/resume tests) with the same certificate.
/// </summary>
public sealed class TestAgent : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private AgentHost? _host;

    private TestAgent(TempDirectory dir, AgentConfig config, ConsoleKeyPair key, string keyPath)
    {
        _dir = dir; Config = config; ConsoleKey = key; ConsoleKeyPath = keyPath;
    }

    public AgentConfig Config { get; }
    /// <summary>The console key the agent trusts.</summary>
    public ConsoleKeyPair ConsoleKey { get; }
    /// <summary>PEM file of <see cref="ConsoleKeyPair"/> (public line beside it as .pub).</summary>
    public string ConsoleKeyPath { get; }
    public Uri Url => Process?.Url ?? _url!;
    /// <summary>SHA256:... of the agent's TLS certificate; null when TLS is off.</summary>
    public string? TlsFingerprint => Process is { } process ? process.TlsFingerprint : _fingerprint;
    public string WorkDir => Config.WorkDir;
    /// <summary>The agent's process when it runs out of process (PID, RSS, its output lines); null in-process.</summary>
    public AgentProcess? Process { get; private set; }

    private Uri? _url;
    private string? _fingerprint;

    /// <summary>The agent in the mode the environment picks (see <see cref="AgentExecutable.OutOfProcess"/>).</summary>
    public static Task<TestAgent> StartAsync(Action<AgentConfig>? configure = null, CancellationToken ct = default) =>
        StartAsync(AgentExecutable.OutOfProcess, configure, null, ct);

    /// <summary>The agent's host inside the test process, whatever the environment says; <paramref name="reason"/> says
    /// what the test needs from in-process hosting (kept for the reader).</summary>
    public static Task<TestAgent> StartInProcessAsync(string reason, Action<AgentConfig>? configure = null, CancellationToken ct = default) =>
        StartAsync(false, configure, null, ct);

    /// <summary>The agent binary (<see cref="AgentExecutable.Path"/> unless <paramref name="options"/> names another)
    /// as its own process, whatever MONITOR_TEST_AGENT says.</summary>
    public static Task<TestAgent> StartOutOfProcessAsync(Action<AgentConfig>? configure = null, AgentProcessOptions? options = null, CancellationToken ct = default) =>
        StartAsync(true, configure, options ?? new AgentProcessOptions(), ct);

    private static async Task<TestAgent> StartAsync(bool outOfProcess, Action<AgentConfig>? configure, AgentProcessOptions? options, CancellationToken ct)
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
        var agent = new TestAgent(dir, config, key, keyPath);
        try
        {
            if (outOfProcess) agent.Process = await AgentProcess.StartAsync(config, dir.File("agent.toml"), options, ct);
            else await agent.StartHostAsync(ct);
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
        return agent;
    }

    private async Task StartHostAsync(CancellationToken ct)
    {
        _host = await AgentHost.StartAsync(Config, ct);
        _url = _host.Url;
        _fingerprint = _host.TlsFingerprint;
    }

    public async Task StopAsync()
    {
        if (Process is not null) await Process.StopAsync();
        else if (_host is not null) await _host.StopAsync();
    }

    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        if (Process is not null) await Process.StartAgainAsync(ct);
        else await StartHostAsync(ct);
    }

    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync();
        await StartAgainAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null) await Process.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
        ConsoleKey.Dispose();
        _dir.Dispose();
    }
}
