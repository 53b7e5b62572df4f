using System.Diagnostics;
using System.Text.RegularExpressions;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Fleet;

/// <summary>A real monitor-agent process running from its own copy of the agent build (apphost + dll, like an
/// installed agent), so an upgrade can replace its executable. Keeps every line written by it and by the agents it
/// restarts into (they inherit its stdout); kills every one of them, by PID, at the end.</summary>
internal sealed partial class UpgradeAgentProcess : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private UpgradeAgentProcess(TempDirectory dir, Process process, int port)
    {
        _dir = dir; _process = process; Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_lines) _lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string Url => $"wss://127.0.0.1:{Port}";
    public string Binary => _dir.File("bin/monitor-agent");
    public string AuthorizedKeys => _dir.File("authorized_keys");
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    [GeneratedRegex(@"new agent \(pid (\d+)")]
    private static partial Regex HandedOver();

    public static async Task<UpgradeAgentProcess> StartAsync(string consoleKeyLine)
    {
        var dir = new TempDirectory();
        CopyDirectory(AgentBuilds.CurrentBuildDirectory, dir.File("bin"));
        await File.WriteAllTextAsync(dir.File("authorized_keys"), consoleKeyLine + "\n");
        Directory.CreateDirectory(dir.File("work"));
        var port = FreePort.Next();
        var start = new ProcessStartInfo(dir.File("bin/monitor-agent")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["MONITOR_AGENT_CONFIG"] = dir.File("absent.toml");
        start.Environment["MONITOR_AGENT_LISTEN"] = $"127.0.0.1:{port}";
        start.Environment["MONITOR_AGENT_AUTHORIZED_KEYS"] = dir.File("authorized_keys");
        start.Environment["MONITOR_AGENT_WORK_DIR"] = dir.File("work");
        var agent = new UpgradeAgentProcess(dir, Process.Start(start)!, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!agent.Lines.Any(l => l.Contains("listening on", StringComparison.Ordinal)))
        {
            if (agent._process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException("the agent did not start: " + string.Join('\n', agent.Lines));
            await Task.Delay(50);
        }
        return agent;
    }

    public bool OriginalProcessRunning => !_process.HasExited;

    public async ValueTask DisposeAsync()
    {
        foreach (var line in Lines)
            if (HandedOver().Match(line) is { Success: true } m)
            {
                try { using var child = Process.GetProcessById(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)); child.Kill(); await child.WaitForExitAsync(); }
                catch (ArgumentException) { }
                catch (InvalidOperationException) { }
            }
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _dir.Dispose();
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
