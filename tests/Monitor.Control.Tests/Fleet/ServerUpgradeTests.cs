using System.Text.Json;
using Monitor.Control.Composition;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Fleet;

/// <summary>`monitor server upgrade` against real agent processes running from their own copy of the agent build.</summary>
public sealed class ServerUpgradeTests
{
    private static string KeyLine(ConsoleHarness console) =>
        File.ReadAllLines(Path.Combine(Path.GetDirectoryName(console.ConfigPath)!, "console_key.pem.pub"))[0];

    private static async Task<UpgradeAgentProcess> AddRealAgentAsync(ConsoleHarness console, string name)
    {
        var agent = await UpgradeAgentProcess.StartAsync(KeyLine(console));
        var added = await console.RunAsync("server", "add", name, "--url", agent.Url);
        Assert.True(added.ExitCode == 0, added.Error);
        return agent;
    }

    private static async Task<string> AgentVersionAsync(ConsoleHarness console, string name) =>
        (await console.JsonAsync("server", "status", name)).GetProperty("agent").GetProperty("agentVersion").GetString()!;

    [Fact]
    public async Task Upgrade_sends_the_new_build_and_the_agent_comes_back_with_its_version_and_keeps_serving()
    {
        var next = await AgentBuilds.NextAsync();
        await using var console = await ConsoleHarness.StartAsync();
        await using var agent = await AddRealAgentAsync(console, "up-1");
        var before = await AgentVersionAsync(console, "up-1");
        Assert.NotEqual(AgentBuilds.NextVersion, before);
        var original = await File.ReadAllBytesAsync(agent.Binary);

        var upgraded = await console.RunAsync("--json", "server", "upgrade", "up-1", "--to", next, "--timeout", "60s");
        Assert.True(upgraded.ExitCode == 0, upgraded.Error + string.Join('\n', agent.Lines));
        var outcome = JsonDocument.Parse(upgraded.Output).RootElement.GetProperty("servers")[0];
        Assert.Equal(("ok", before, AgentBuilds.NextVersion),
            (outcome.GetProperty("result").GetString(), outcome.GetProperty("previousVersion").GetString(), outcome.GetProperty("newVersion").GetString()));

        Assert.Equal(AgentBuilds.NextVersion, await AgentVersionAsync(console, "up-1"));
        var containers = await console.RunAsync("--json", "container", "list", "--server", "up-1");
        Assert.True(containers.ExitCode == 0, containers.Error);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(containers.Output).RootElement.ValueKind);
        Assert.Equal(await File.ReadAllBytesAsync(next), await File.ReadAllBytesAsync(agent.Binary));
        Assert.Equal(original, await File.ReadAllBytesAsync(agent.Binary + ".old"));
        await WaitUntilAsync(() => !agent.OriginalProcessRunning, "the old agent process exits after the hand-over");

        var record = (await console.JsonAsync("history", "--type", FleetActionTypes.ServerUpgrade))[0];
        Assert.True(record.GetProperty("success").GetBoolean());
        Assert.Equal("up-1", record.GetProperty("server").GetString());
    }

    [Fact]
    public async Task A_new_build_that_does_not_come_up_is_rolled_back_and_the_old_agent_keeps_answering()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await using var agent = await AddRealAgentAsync(console, "up-2");
        using var dir = new TempDirectory();
        // Passes the --version check, then fails to serve: the restart must be undone.
        var broken = dir.File("monitor-agent");
        await File.WriteAllTextAsync(broken, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'monitor-agent 98.0.0-broken'; exit 0; fi\nexit 1\n");
        var original = await File.ReadAllBytesAsync(agent.Binary);
        var before = await AgentVersionAsync(console, "up-2");

        var upgraded = await console.RunAsync("--json", "server", "upgrade", "up-2", "--to", broken, "--timeout", "15s");
        Assert.Equal(1, upgraded.ExitCode);
        var report = JsonDocument.Parse(upgraded.Output).RootElement;
        var outcome = report.GetProperty("servers")[0];
        Assert.Equal("failed", outcome.GetProperty("result").GetString());
        Assert.True(outcome.GetProperty("rolledBack").GetBoolean(), outcome.GetProperty("error").GetString());
        Assert.Equal("up-2", report.GetProperty("stoppedAt").GetString());

        Assert.True(agent.OriginalProcessRunning);
        Assert.Equal(original, await File.ReadAllBytesAsync(agent.Binary));
        Assert.Equal(before, await AgentVersionAsync(console, "up-2"));
        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "up-2")).ExitCode);
        Assert.Contains(agent.Lines, l => l.Contains("upgrade to 98.0.0-broken failed", StringComparison.Ordinal));
        var record = (await console.JsonAsync("history", "--type", FleetActionTypes.ServerUpgrade))[0];
        Assert.False(record.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task A_build_whose_sha256_does_not_match_is_refused_before_anything_changes()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await using var agent = await AddRealAgentAsync(console, "up-3");
        var original = await File.ReadAllBytesAsync(agent.Binary);
        await using var services = await MonitorServicesFactory.OpenAsync(console.ConfigPath);
        var client = await services.Directory!.ConnectedClientAsync("up-3", CancellationToken.None);
        var sent = "#!/bin/sh\necho 'monitor-agent 97.0.0'\n"u8.ToArray();
        var announced = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("something else"u8.ToArray()));

        var begin = await client.RequestAsync(AgentMethods.UpgradeBegin, new UpgradeBeginRequest(sent.Length, announced));
        await client.RequestAsync(AgentMethods.UpgradeChunk, new UpgradeChunkRequest(begin.UploadId, 0, Convert.ToBase64String(sent)));
        var refused = await Assert.ThrowsAsync<Monitor.Control.Agents.AgentException>(() =>
            client.RequestAsync(AgentMethods.UpgradeCommit, new UpgradeCommitRequest(begin.UploadId, announced, 10)));
        Assert.Equal(ErrorCodes.InvalidArgument, refused.Code);
        Assert.Contains("SHA-256 mismatch", refused.Message);

        Assert.Equal(original, await File.ReadAllBytesAsync(agent.Binary));
        Assert.False(File.Exists(agent.Binary + ".new"));
        Assert.False(File.Exists(agent.Binary + ".upload"));
        var info = await client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
        Assert.Equal(begin.CurrentVersion, info.AgentVersion);
    }

    [Fact]
    public async Task Upgrade_all_stops_the_waves_at_the_first_failure()
    {
        // "local" fails: an in-process agent refuses, a published one (its own link to the binary) does not come up on the
        // script and rolls back; the wave after it never starts.
        await using var console = await ConsoleHarness.StartAsync();
        await using var agent = await AddRealAgentAsync(console, "zz-later");
        using var dir = new TempDirectory();
        var script = dir.File("monitor-agent");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'monitor-agent 96.0.0'\n");
        var before = await AgentVersionAsync(console, "zz-later");

        var upgraded = await console.RunAsync("server", "upgrade", "--all", "--wave", "1", "--to", script, "--timeout", "15s");
        Assert.Equal(1, upgraded.ExitCode);
        Assert.Contains("local: FAILED", upgraded.Output);
        Assert.Contains("zz-later: skipped", upgraded.Output);
        Assert.Contains("upgrade stopped: local failed", upgraded.Error);
        Assert.Equal(before, await AgentVersionAsync(console, "zz-later"));
        Assert.DoesNotContain(agent.Lines, l => l.Contains("receiving a new build", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
