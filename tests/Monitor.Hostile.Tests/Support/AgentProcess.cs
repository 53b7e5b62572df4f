using System.Diagnostics;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Hostile.Tests.Support;

/// <summary>The real monitor-agent program (monitor-agent.dll built next to the tests) as a child process on a free
/// loopback port, with a fresh console key listed in its authorized_keys; keeps every line it writes.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private static readonly string AgentDll = Path.Combine(AppContext.BaseDirectory, "monitor-agent.dll");
    private readonly TempDirectory _dir;
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private AgentProcess(TempDirectory dir, Process process, ConsoleKeyPair key, int port)
    {
        _dir = dir; _process = process; ConsoleKey = key; Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public ConsoleKeyPair ConsoleKey { get; }
    public int Port { get; }
    public Uri Url => new($"ws://127.0.0.1:{Port}/");
    public string WorkDir => _dir.File("work");
    public int Pid => _process.Id;

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    /// <summary>Resident memory of the agent process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public static async Task<AgentProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dir = new TempDirectory();
        var key = ConsoleKeyPair.Generate();
        await File.WriteAllTextAsync(dir.File("authorized_keys"), key.PublicKeyLine("hostile-test") + "\n");
        Directory.CreateDirectory(dir.File("work"));
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AgentDll);
        start.Environment["MONITOR_AGENT_CONFIG"] = dir.File("absent.toml");
        start.Environment["MONITOR_AGENT_LISTEN"] = $"127.0.0.1:{port}";
        start.Environment["MONITOR_AGENT_AUTHORIZED_KEYS"] = dir.File("authorized_keys");
        start.Environment["MONITOR_AGENT_WORK_DIR"] = dir.File("work");
        start.Environment["MONITOR_AGENT_TLS"] = "false"; // the harness speaks plain ws:// on loopback
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment["MONITOR_AGENT_" + name] = value;
        var agent = new AgentProcess(dir, Process.Start(start)!, key, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!agent.Lines.Any(l => l.Contains("listening on", StringComparison.Ordinal)))
        {
            if (agent._process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("the agent did not start: " + string.Join('\n', agent.Lines));
            await Task.Delay(50);
        }
        return agent;
    }

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
