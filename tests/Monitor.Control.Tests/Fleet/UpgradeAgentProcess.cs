using System.Diagnostics;
using System.Text.RegularExpressions;
using Monitor.Shared.Config;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Fleet;

/// <summary>An <see cref="AgentProcess"/> running from its own copy of the agent (the published NativeAOT binary, or
/// the Debug build's apphost + dll when the tests run in-process), like an installed agent, so an upgrade can replace
/// its executable. Keeps every line written by it and by the agents it restarts into (they inherit its stdout); kills
/// every one of them, by PID, at the end.</summary>
internal sealed partial class UpgradeAgentProcess : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly AgentProcess _agent;

    private UpgradeAgentProcess(TempDirectory dir, AgentProcess agent) { _dir = dir; _agent = agent; }

    public int Port => _agent.Url.Port;
    public string Url => _agent.Url.ToString().TrimEnd('/');
    public string Binary => _dir.File("bin/monitor-agent");
    public string AuthorizedKeys => _agent.Config.AuthorizedKeys;
    public IReadOnlyList<string> Lines => _agent.Lines;
    public bool OriginalProcessRunning => _agent.Running;

    [GeneratedRegex(@"new agent \(pid (\d+)")]
    private static partial Regex HandedOver();

    public static async Task<UpgradeAgentProcess> StartAsync(string consoleKeyLine)
    {
        var dir = new TempDirectory();
        if (AgentExecutable.OutOfProcess)
        {
            Directory.CreateDirectory(dir.File("bin"));
            File.Copy(AgentExecutable.Path, dir.File("bin/monitor-agent"));
        }
        else CopyDirectory(AgentBuilds.CurrentBuildDirectory, dir.File("bin"));
        await File.WriteAllTextAsync(dir.File("authorized_keys"), consoleKeyLine + "\n");
        var config = new AgentConfig
        {
            Listen = $"127.0.0.1:{FreePort.Next()}",
            AuthorizedKeys = dir.File("authorized_keys"),
            WorkDir = Directory.CreateDirectory(dir.File("work")).FullName,
        };
        var agent = await AgentProcess.StartAsync(config, dir.File("agent.toml"), new AgentProcessOptions(dir.File("bin/monitor-agent")));
        return new UpgradeAgentProcess(dir, agent);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var line in Lines)
            if (HandedOver().Match(line) is { Success: true } m)
            {
                try { using var child = Process.GetProcessById(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)); child.Kill(); await child.WaitForExitAsync(); }
                catch (ArgumentException) { }
                catch (InvalidOperationException) { }
            }
        await _agent.KillAsync();
        await _agent.DisposeAsync();
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
