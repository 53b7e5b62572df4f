using Monitor.Control.Agents;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Fleet;

public sealed class TlsPinningTests
{
    /// <summary>Restarts the agent with a new identity, as if its certificate had been replaced (or someone else answered).</summary>
    private static async Task ReplaceCertificateAsync(TestAgent agent)
    {
        await agent.StopAsync();
        Directory.Delete(Path.Combine(agent.WorkDir, "tls"), recursive: true);
        await agent.StartAgainAsync();
    }

    [Fact]
    public async Task A_client_pins_on_first_use_and_refuses_a_changed_certificate_naming_both_fingerprints()
    {
        await using var agent = await TestAgent.StartAsync();
        var server = new ServerInfo { Name = "a", Url = agent.Url.ToString() };
        string? pinnedEvent = null;
        await using (var first = new AgentClient(server, agent.ConsoleKey, "tester"))
        {
            first.TlsPinned += (_, f) => pinnedEvent = f;
            await first.EnsureConnectedAsync();
            Assert.Equal(agent.TlsFingerprint, first.TlsFingerprint);
            Assert.Equal(agent.TlsFingerprint, pinnedEvent);
        }

        var old = agent.TlsFingerprint!;
        await ReplaceCertificateAsync(agent);
        Assert.NotEqual(old, agent.TlsFingerprint);
        await using var pinned = new AgentClient(server with { TlsFingerprint = old }, agent.ConsoleKey, "tester");
        var error = await Assert.ThrowsAsync<AgentException>(() => pinned.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest()));
        Assert.Equal(ErrorCodes.TlsMismatch, error.Code);
        Assert.Contains(old, error.Message);
        Assert.Contains(agent.TlsFingerprint!, error.Message);
        Assert.Contains("monitor server trust a", error.Message);
        Assert.Equal(AgentConnectionState.AuthFailed, pinned.State);
    }

    [Fact]
    public async Task Server_add_pins_the_certificate_and_a_changed_one_is_refused_until_trusted()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var agent = console.Agent;
        var status = await console.RunAsync("server", "status", "local");
        Assert.Contains("with role admin", status.Output);
        var listed = (await console.JsonAsync("server", "list"))[0];
        Assert.Equal(agent.TlsFingerprint, listed.GetProperty("tlsFingerprint").GetString());

        var old = agent.TlsFingerprint!;
        await ReplaceCertificateAsync(agent);
        var refused = await console.RunAsync("container", "list", "--server", "local");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(old, refused.Error);
        Assert.Contains(agent.TlsFingerprint!, refused.Error);
        Assert.Contains("monitor server trust local", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error);

        var wrong = await console.RunAsync("server", "trust", "local", "--fingerprint", old);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("nothing was trusted", wrong.Error);

        var trusted = await console.RunAsync("server", "trust", "local");
        Assert.Equal(0, trusted.ExitCode);
        Assert.Contains($"now trusting {agent.TlsFingerprint} (was {old})", trusted.Output);
        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "local")).ExitCode);

        var record = (await console.JsonAsync("history", "--type", FleetActionTypes.ServerTrust))[0];
        var shown = await console.JsonAsync("history", "show", record.GetProperty("id").GetInt64().ToString());
        Assert.Equal(old, shown.GetProperty("parameters").GetProperty("previous").GetString());
        Assert.Equal(agent.TlsFingerprint, shown.GetProperty("parameters").GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task A_given_fingerprint_that_the_agent_does_not_present_adds_nothing()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var url = console.Agent.Url.ToString().TrimEnd('/');
        var wrong = await console.RunAsync("server", "add", "other", "--url", url, "--fingerprint", "SHA256:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains(console.Agent.TlsFingerprint!, wrong.Error);
        Assert.Contains("nothing was added", wrong.Error);
        Assert.DoesNotContain((await console.JsonAsync("server", "list")).EnumerateArray(), s => s.GetProperty("name").GetString() == "other");

        var right = await console.RunAsync("server", "add", "other", "--url", url, "--fingerprint", console.Agent.TlsFingerprint!);
        Assert.Equal(0, right.ExitCode);
        Assert.Contains("matches the agent", right.Output);
    }

    [Fact]
    public async Task A_server_added_while_its_agent_is_down_is_pinned_at_the_first_connection()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var agent = console.Agent;
        await agent.StopAsync();
        var added = await console.RunAsync("server", "add", "later", "--url", agent.Url.ToString().TrimEnd('/'));
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("pinned at the first connection", added.Output);
        await agent.StartAgainAsync();
        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "later")).ExitCode);
        var later = (await console.JsonAsync("server", "list")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == "later");
        Assert.Equal(agent.TlsFingerprint, later.GetProperty("tlsFingerprint").GetString());
        Assert.Equal(FleetActionTypes.ServerPin, (await console.JsonAsync("history", "--server", "later"))[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_plain_ws_agent_works_but_is_flagged_in_server_list()
    {
        await using var console = await ConsoleHarness.StartAsync();
        await using var plain = await TestAgent.StartAsync(c => c.Tls = false);
        await File.AppendAllTextAsync(plain.Config.AuthorizedKeys, File.ReadAllText(console.Agent.Config.AuthorizedKeys));
        var added = await console.RunAsync("server", "add", "plain", "--url", plain.Url.ToString().TrimEnd('/'));
        Assert.Contains("warning: plain: plain ws://", added.Output);
        Assert.Equal(0, (await console.RunAsync("container", "list", "--server", "plain")).ExitCode);
        var list = await console.RunAsync("server", "list");
        Assert.Contains("PLAIN ws://", list.Output);
        Assert.Contains("warning: plain: plain ws://", list.Error);
        Assert.DoesNotContain("warning: local", list.Error);
    }
}
