using Monitor.Agent.Tests.Support;
using Monitor.Hostile.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Hostile.Tests;

/// <summary>Faults 3 and 7: every path the agent opens is confined after resolving every component, and a NUL in a
/// path is invalid_argument — checked against a real agent over its WebSocket with a real git repo.</summary>
public sealed class PathConfinementTests
{
    private static async Task<(TestAgent Agent, RawAgentClient Client, GitSyncResult Sync)> SyncAsync(HostileRepo repo)
    {
        var agent = await TestAgent.StartAsync(c => c.Tls = false);
        var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var sync = await client.RequestAsync(AgentMethods.GitSync, new GitSyncRequest("hostile", repo.Path, "main"));
        Assert.Equal(repo.Head, sync.Commit);
        return (agent, client, sync);
    }

    [Fact]
    public async Task Image_build_refuses_a_context_behind_a_symlink_in_the_middle_of_the_path()
    {
        using var repo = new HostileRepo();
        var (agent, client, sync) = await SyncAsync(repo);
        await using var _ = agent;
        await using var __ = client;
        var answer = await client.FinalAsync(AgentMethods.ImageBuild,
            new ImageBuildRequest(Path.Combine(sync.Path, "out", "sub"), "Dockerfile", ["mt-hardening-stolen:1"]));
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error?.Code);
        Assert.Contains("out/sub", answer.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_refuses_a_file_behind_a_symlink_in_the_middle_of_the_path()
    {
        using var repo = new HostileRepo();
        var (agent, client, sync) = await SyncAsync(repo);
        await using var _ = agent;
        await using var __ = client;
        var answer = await client.FinalAsync(AgentMethods.ComposeDown,
            new ComposeRequest("mt-hardening-compose", Path.Combine(sync.Path, "out", "docker-compose.yml")));
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error?.Code);
        Assert.Contains("out/docker-compose.yml", answer.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_build_refuses_a_context_holding_a_link_that_leaves_it()
    {
        using var repo = new HostileRepo();
        repo.CommitLink("leak", "/etc/hostname");
        await using var agent = await TestAgent.StartAsync(c => c.Tls = false);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var sync = await client.RequestAsync(AgentMethods.GitSync, new GitSyncRequest("hostile", repo.Path, "main"));
        var answer = await client.FinalAsync(AgentMethods.ImageBuild, new ImageBuildRequest(sync.Path, "Dockerfile", ["mt-hardening-leak:1"]));
        Assert.Equal(ErrorCodes.InvalidArgument, answer.Error?.Code);
        Assert.Contains("'leak'", answer.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repos/a\0b")]
    [InlineData("repos/\0")]
    public async Task A_NUL_in_a_path_is_invalid_argument_not_internal(string path)
    {
        await using var agent = await TestAgent.StartAsync(c => c.Tls = false);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var build = await client.FinalAsync(AgentMethods.ImageBuild, new ImageBuildRequest(Path.Combine(agent.WorkDir, path), "Dockerfile", ["mt-hardening-nul:1"]));
        Assert.Equal(ErrorCodes.InvalidArgument, build.Error?.Code);
        var compose = await client.FinalAsync(AgentMethods.ComposeDown, new ComposeRequest("mt-hardening-nul", Path.Combine(agent.WorkDir, path)));
        Assert.Equal(ErrorCodes.InvalidArgument, compose.Error?.Code);
    }
}
