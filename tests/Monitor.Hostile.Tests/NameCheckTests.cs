using Monitor.Agent.Tests.Support;
using Monitor.Hostile.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Hostile.Tests;

/// <summary>Fault 4: names are matched whole (.NET's <c>$</c> matches before a final newline) and control characters
/// are refused — no directory or Docker call is made for <c>name\n</c>.</summary>
public sealed class NameCheckTests
{
    [Theory]
    [InlineData("mt-hardening-a\n")]
    [InlineData("mt-hardening-a\r")]
    [InlineData("mt-hardening-\u001b]0;owned\u0007")]
    public async Task Agent_refuses_names_with_a_trailing_newline_or_control_characters(string name)
    {
        await using var agent = await TestAgent.StartAsync(c => c.Tls = false);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        using var repo = new GitRepoFixture();
        repo.Commit("one", new Dictionary<string, string> { ["a.txt"] = "1" });

        var sync = await client.FinalAsync(AgentMethods.GitSync, new GitSyncRequest(name, repo.Path, "main"));
        Assert.Equal(ErrorCodes.InvalidArgument, sync.Error?.Code);
        Assert.False(Directory.Exists(Path.Combine(agent.WorkDir, "repos", name)));
        Assert.Empty(Directory.Exists(Path.Combine(agent.WorkDir, "repos")) ? Directory.GetFileSystemEntries(Path.Combine(agent.WorkDir, "repos")) : []);

        var start = await client.FinalAsync(AgentMethods.ContainerStart, new ContainerRef(name));
        Assert.Equal(ErrorCodes.InvalidArgument, start.Error?.Code);
        var run = await client.FinalAsync(AgentMethods.ContainerRun, new ContainerRunSpec(name, "local/busybox:latest"));
        Assert.Equal(ErrorCodes.InvalidArgument, run.Error?.Code);
        var compose = await client.FinalAsync(AgentMethods.ComposePs, new ComposeRequest(name, InlineYaml: "services: {}\n"));
        Assert.Equal(ErrorCodes.InvalidArgument, compose.Error?.Code);
        Assert.DoesNotContain('\u001b', start.Error!.Message);
        Assert.DoesNotContain('\n', start.Error.Message);
    }
}
