using System.Diagnostics;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Configuration;

/// <summary>Runs the real monitor-agent binary (built next to the tests).</summary>
public sealed class ProgramTests
{
    private static readonly string AgentDll = Path.Combine(AppContext.BaseDirectory, "monitor-agent.dll");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyList<string> args, IDictionary<string, string>? env = null, Func<Process, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AgentDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (whileRunning is not null) await whileRunning(process);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task A_config_error_prints_file_line_column_and_exits_2_without_a_stack_trace()
    {
        using var dir = new TempDirectory();
        var path = dir.File("agent.toml");
        await File.WriteAllTextAsync(path, "listen = \"127.0.0.1:1\"\nmax_open_streams = = 3\n");
        var (exit, _, err) = await RunAsync(["--config", path]);
        Assert.Equal(2, exit);
        Assert.StartsWith($"{path}:2:", err.Trim());
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public async Task On_start_it_prints_one_line_with_the_address_and_key_count_and_stops_on_sigterm()
    {
        using var dir = new TempDirectory();
        var keys = dir.File("authorized_keys");
        using (var key = Monitor.Shared.Security.ConsoleKeyPair.Generate())
            await File.WriteAllTextAsync(keys, key.PublicKeyLine("one") + "\n");
        var port = FreePort.Next();
        var env = new Dictionary<string, string>
        {
            ["MONITOR_AGENT_CONFIG"] = dir.File("absent.toml"),
            ["MONITOR_AGENT_LISTEN"] = $"127.0.0.1:{port}",
            ["MONITOR_AGENT_AUTHORIZED_KEYS"] = keys,
            ["MONITOR_AGENT_WORK_DIR"] = dir.File("work"),
        };
        var (exit, output, _) = await RunAsync([], env, async process =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                try { using var tcp = new System.Net.Sockets.TcpClient(); await tcp.ConnectAsync("127.0.0.1", port); break; }
                catch (System.Net.Sockets.SocketException) { await Task.Delay(100); }
            }
            Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        });
        Assert.Equal(0, exit);
        Assert.Contains($"listening on wss://127.0.0.1:{port}/ with 1 authorized key(s)", output);
        Assert.Matches(@"TLS certificate fingerprint SHA256:[A-Za-z0-9+/]{43} ", output);
    }
}
