using System.Text.Json;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Bootstrap;

/// <summary>`monitor server bootstrap` against a real second host: a network namespace with its own sshd
/// (<see cref="NetnsHost"/>), the real agent build installed and started there over SSH, real Docker behind it.</summary>
public sealed class BootstrapTests
{
    [Fact]
    public async Task Unknown_host_key_is_refused_then_accept_new_bootstraps_an_agent_the_console_uses_and_a_rerun_changes_nothing()
    {
        await using var host = await NetnsHost.StartAsync();
        using var console = await BootstrapCli.StartAsync();
        var hostKey = await host.HostKeyFingerprintAsync();

        var refused = await console.BootstrapAsync(host, "nsbox", "--json");
        Assert.Equal(1, refused.ExitCode);
        var error = BootstrapCli.ErrorOf(refused);
        Assert.Equal(ErrorCodes.HostKeyUnknown, error.GetProperty("code").GetString());
        Assert.Contains(hostKey, error.GetProperty("message").GetString());
        Assert.Contains("--accept-new", error.GetProperty("message").GetString());
        Assert.False(File.Exists(console.KnownHosts), "a refused key must not be recorded");
        Assert.False(Directory.Exists(host.Prefix), "nothing may be installed after a refused host key");

        var first = await console.BootstrapAsync(host, "nsbox", "--accept-new", "--listen", $"0.0.0.0:8120", "--json");
        Assert.True(first.ExitCode == 0, first.Error);
        var result = JsonDocument.Parse(first.Output).RootElement;
        Assert.Equal($"wss://{host.Ip}:8120", result.GetProperty("server").GetProperty("url").GetString());
        var pinned = result.GetProperty("tlsFingerprint").GetString();
        Assert.Equal(pinned, result.GetProperty("server").GetProperty("tlsFingerprint").GetString());
        Assert.Equal("background", result.GetProperty("mode").GetString());
        var steps = Steps(result);
        Assert.Equal(["connect", "check", "host", "upload", "config", "start", "online"], steps.Keys.ToArray());
        Assert.Equal("done", steps["upload"]);
        Assert.Equal("done", steps["config"]);
        Assert.Equal("done", steps["start"]);
        Assert.StartsWith($"{host.Ip} ssh-ed25519 ", await File.ReadAllTextAsync(console.KnownHosts));
        Assert.Equal(7, first.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString() == "step"));

        // The agent on the namespace host serves this console: containers are listed through it.
        var containers = await console.RunAsync("--json", "container", "list", "--server", "nsbox");
        Assert.True(containers.ExitCode == 0, containers.Error);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(containers.Output).RootElement.ValueKind);
        var agentPid = await File.ReadAllTextAsync(Path.Combine(host.AgentStateDir, "agent.pid"));

        // Re-run: everything is already right.
        var again = await console.BootstrapAsync(host, "nsbox", "--json");
        Assert.True(again.ExitCode == 0, again.Error);
        var rerun = JsonDocument.Parse(again.Output).RootElement;
        var rerunSteps = Steps(rerun);
        Assert.Equal("skipped", rerunSteps["upload"]);
        Assert.Equal("skipped", rerunSteps["config"]);
        Assert.Equal("skipped", rerunSteps["start"]);
        Assert.Equal("ok", rerunSteps["online"]);
        Assert.Equal(pinned, rerun.GetProperty("tlsFingerprint").GetString());
        Assert.Equal(agentPid, await File.ReadAllTextAsync(Path.Combine(host.AgentStateDir, "agent.pid")));
        Assert.Single((await File.ReadAllLinesAsync(Path.Combine(host.Prefix, "etc/monitor-agent/authorized_keys"))).Where(l => l.Length > 0));

        // Both bootstraps are in the history, each with its steps as output.
        var history = JsonDocument.Parse((await console.RunAsync("--json", "history")).Output).RootElement;
        var bootstraps = history.EnumerateArray().Where(a => a.GetProperty("type").GetString() == "server.bootstrap").ToList();
        Assert.Equal(3, bootstraps.Count);
        Assert.Equal(2, bootstraps.Count(a => a.GetProperty("success").ValueKind == JsonValueKind.True));
    }

    [Fact]
    public async Task Port_in_use_and_a_changed_host_key_are_refused_with_what_to_do()
    {
        await using var host = await NetnsHost.StartAsync();
        using var console = await BootstrapCli.StartAsync();
        var oldKey = await host.HostKeyFingerprintAsync();

        // Port 22 on the host is sshd's: refused at the host step, after the host key was accepted and recorded.
        var busy = await console.BootstrapAsync(host, "nsbox", "--accept-new", "--listen", "0.0.0.0:22", "--json");
        Assert.Equal(1, busy.ExitCode);
        var error = BootstrapCli.ErrorOf(busy);
        Assert.Equal(ErrorCodes.HostNotReady, error.GetProperty("code").GetString());
        Assert.Contains($"port 22 is in use on {host.Ip} by sshd (pid ", error.GetProperty("message").GetString());
        Assert.DoesNotContain("   at ", busy.Error);

        await host.RegenerateHostKeyAsync();
        var newKey = await host.HostKeyFingerprintAsync();
        Assert.NotEqual(oldKey, newKey);
        foreach (var args in new[] { new[] { "--json" }, ["--accept-new", "--json"], ["--host-key", newKey, "--json"] })
        {
            var changed = await console.BootstrapAsync(host, "nsbox", args);
            Assert.Equal(1, changed.ExitCode);
            var refusal = BootstrapCli.ErrorOf(changed);
            Assert.Equal(ErrorCodes.HostKeyChanged, refusal.GetProperty("code").GetString());
            var message = refusal.GetProperty("message").GetString()!;
            Assert.Contains(oldKey, message);
            Assert.Contains(newKey, message);
        }
        Assert.False(Directory.Exists(Path.Combine(host.Prefix, "etc")), "nothing may be configured on a host whose key changed");
    }

    [Fact]
    public async Task A_refused_ssh_key_says_whose_key_to_add_or_to_pass_key()
    {
        await using var host = await NetnsHost.StartAsync();
        using var console = await BootstrapCli.StartAsync();
        using var other = new TempDirectory();
        var stranger = other.File("stranger");
        using (var keygen = System.Diagnostics.Process.Start("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", stranger])!)
            await keygen.WaitForExitAsync();

        var result = await console.RunAsync("server", "bootstrap", "nsbox", host.Login, "--key", stranger, "--accept-new", "--prefix", host.Prefix, "--agent-file", BootstrapCli.AgentBuild);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Permission denied (publickey) for root@{host.Ip}", result.Error);
        Assert.Contains("--key", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal(ErrorCodes.SshAuthFailed, BootstrapCli.ErrorOf(await console.RunAsync("--json", "server", "bootstrap", "nsbox", host.Login, "--key", stranger, "--prefix", host.Prefix)).GetProperty("code").GetString());

        // A loopback listen address the console could never reach is refused before anything runs.
        var loopback = await console.BootstrapAsync(host, "nsbox", "--listen", "127.0.0.1:8120");
        Assert.Equal(2, loopback.ExitCode);
        Assert.Contains("reachable only on", loopback.Error);
    }

    private static Dictionary<string, string> Steps(JsonElement result) =>
        result.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s => s.GetProperty("status").GetString()!);
}
