using System.Diagnostics;
using Monitor.Agent.Hosting;

namespace Monitor.Agent.Tests.Apps;

/// <summary>monitor-agent as a separate process (the build output beside the tests), so a test can kill -9 it.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AgentProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static AgentProcess Start(string configPath)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(AgentHost).Assembly.Location)!, "monitor-agent.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AgentProcess(process);
    }

    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false); // SIGKILL: no shutdown code runs
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillHardAsync();
        _process.Dispose();
    }
}
