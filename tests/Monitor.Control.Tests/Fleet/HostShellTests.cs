using System.Diagnostics;
using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Fleet;

/// <summary>`monitor shell` for real: the built console in tmux, a real agent, a real PTY on this host.</summary>
public sealed class HostShellTests
{
    [Fact]
    public async Task A_host_shell_has_the_terminal_size_follows_resizes_and_exit_returns_to_the_caller()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var dll = Path.Combine(RepoRoot(), "console", "bin", "Debug", "net10.0", "monitor.dll");
        Assert.True(File.Exists(dll), $"build the console first: {dll} is missing");
        var socket = "mt-fleet-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", "-e", "TERM=xterm-256color",
                $"dotnet {dll} --config {console.ConfigPath} shell local; echo SHELL-EXIT-$?; sleep 120");
            await Task.Yield();
            await WaitForAsync(socket, s => s.Contains('#') || s.Contains('$'), "a shell prompt");
            Tmux(socket, "send-keys", "-l", "stty size; echo MARK-$((6*7))");
            Tmux(socket, "send-keys", "Enter");
            await WaitForAsync(socket, s => s.Contains("30 100") && s.Contains("MARK-42"), "stty size 30 100");

            Tmux(socket, "resize-window", "-x", "90", "-y", "25");
            Tmux(socket, "send-keys", "-l", "clear; stty size");
            Tmux(socket, "send-keys", "Enter");
            await WaitForAsync(socket, s => s.Contains("25 90"), "stty size 25 90 after the resize");

            Tmux(socket, "send-keys", "-l", "exit 3");
            Tmux(socket, "send-keys", "Enter");
            await WaitForAsync(socket, s => s.Contains("SHELL-EXIT-3"), "monitor shell to return with the shell's exit code");
        }
        finally
        {
            Tmux(socket, "kill-server");
        }

        var record = (await console.JsonAsync("history", "--type", FleetActionTypes.HostShell))[0];
        var shown = await console.JsonAsync("history", "show", record.GetProperty("id").GetInt64().ToString());
        Assert.Equal("3", shown.GetProperty("result").GetProperty("exitCode").GetString());
        Assert.True(double.Parse(shown.GetProperty("result").GetProperty("seconds").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotNull(shown.GetProperty("end").GetString());
    }

    private static async Task<string> WaitForAsync(string socket, Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = Tmux(socket, "capture-pane", "-p");
            if (condition(screen)) return screen;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; the screen was:\n{screen}");
    }

    private static string Tmux(string socket, params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-L"); info.ArgumentList.Add(socket);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Monitor.sln not found above the test binaries");
    }
}
