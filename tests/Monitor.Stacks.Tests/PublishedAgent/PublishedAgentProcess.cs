using System.Diagnostics;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.PublishedAgent;

/// <summary>The published NativeAOT monitor-agent (.state/publish/agent/monitor-agent, made by scripts/setup.sh) as a
/// child process reading a real agent.toml: TLS on (its own certificate), a fresh console key in authorized_keys.</summary>
public sealed class PublishedAgentProcess : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private PublishedAgentProcess(TempDirectory dir, Process process, ConsoleKeyPair key, int port)
    {
        _dir = dir; _process = process; ConsoleKey = key; Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The binary setup.sh publishes; the tests fail (not skip) when it is missing.</summary>
    public static string Binary
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? "/nonexistent", ".state", "publish", "agent", "monitor-agent");
        }
    }

    public ConsoleKeyPair ConsoleKey { get; }
    public int Port { get; }
    public Uri Url => new($"wss://127.0.0.1:{Port}/");
    public string WorkDir => _dir.File("work");
    public string AuthorizedKeys => _dir.File("authorized_keys");
    public int Pid => _process.Id;
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    /// <summary>SHA256:... the agent printed at start.</summary>
    public string Fingerprint => Lines.Select(l => l.Split(' ')).Where(w => w.Length > 3 && w[0] == "TLS" && w[2] == "fingerprint").Select(w => w[3]).First();

    public static async Task<PublishedAgentProcess> StartAsync()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: scripts/setup.sh publishes the NativeAOT agent there");
        var dir = new TempDirectory();
        var key = ConsoleKeyPair.Generate();
        await File.WriteAllTextAsync(dir.File("authorized_keys"), key.PublicKeyLine("aot-test") + "\n");
        Directory.CreateDirectory(dir.File("work"));
        var port = FreePort.Next();
        var config = dir.File("agent.toml");
        await File.WriteAllTextAsync(config, $"""
            listen = "127.0.0.1:{port}"
            authorized_keys = "{dir.File("authorized_keys")}"
            work_dir = "{dir.File("work")}"
            """);
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        var agent = new PublishedAgentProcess(dir, Process.Start(start)!, key, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!agent.Lines.Any(l => l.StartsWith("TLS certificate fingerprint", StringComparison.Ordinal)))
        {
            if (agent._process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("the published agent did not start: " + string.Join('\n', agent.Lines));
            await Task.Delay(20);
        }
        return agent;
    }

    /// <summary>Resident memory (VmRSS) in bytes.</summary>
    public long ResidentBytes() =>
        File.ReadLines($"/proc/{_process.Id}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024).First();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        ConsoleKey.Dispose();
        _dir.Dispose();
    }
}
