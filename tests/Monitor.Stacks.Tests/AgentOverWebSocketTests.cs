using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests;

/// <summary>The stack methods registered in the real agent (HandlerSetup), called over its WebSocket.</summary>
public sealed class AgentOverWebSocketTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private static async Task<Envelope> AnswerAsync<T>(RawAgentClient client, AgentMethod method, T payload)
    {
        var id = await client.SendRequestAsync(method, payload);
        return await client.WaitForAsync(e => e.Id == id && e.Type is FrameTypes.Response or FrameTypes.Error, Patience);
    }

    private static async Task<TRes> RequestAsync<TReq, TRes>(RawAgentClient client, RequestMethod<TReq, TRes> method, TReq payload)
    {
        var answer = await AnswerAsync(client, method, payload);
        Assert.True(answer.Type == FrameTypes.Response, $"{method}: {answer.Error?.Code}: {answer.Error?.Message}");
        return ProtocolJson.FromElement<TRes>(answer.Payload)!;
    }

    [Fact]
    public async Task Git_sync_build_run_and_wait_work_through_the_agent_socket()
    {
        var prefix = DockerCleanup.Prefix("ws");
        using var docker = DockerCleanup.Client();
        await using var agent = await TestAgent.StartAsync();
        using var repo = new GitRepoFixture();
        var commit = repo.Commit("v1", SiteRepo.Files("over the socket"));
        try
        {
            await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);

            var sync = await RequestAsync<GitSyncRequest, GitSyncResult>(client, AgentMethods.GitSync, new GitSyncRequest("app", repo.Path, "main"));
            Assert.Equal(commit, sync.Commit);
            Assert.StartsWith(agent.WorkDir, sync.Path);

            var id = await client.SendRequestAsync(AgentMethods.ImageBuild, new ImageBuildRequest(sync.Path, "Dockerfile", [$"{prefix}:1"]));
            var frames = new List<Envelope>();
            while (frames.Count == 0 || frames[^1].Type is not (FrameTypes.StreamEnd or FrameTypes.Error))
                frames.Add(await client.WaitForAsync(e => e.Id == id, Patience));
            var build = new StreamFrames<OutputBatch, ImageBuildResult>(frames);
            Assert.True(build.Succeeded, build.Error?.Message);
            Assert.StartsWith("sha256:", build.End!.ImageId);
            Assert.Contains(build.Items.SelectMany(b => b.Chunks), c => c.Text.Contains("COPY www /www", StringComparison.Ordinal));

            var port = FreePort.Next();
            var run = await RequestAsync<ContainerRunSpec, ContainerRunResult>(client, AgentMethods.ContainerRun,
                new ContainerRunSpec(prefix, $"{prefix}:1", [new PortPublish(8080, port, "127.0.0.1")]));
            Assert.Null(run.PreviousImage);
            var wait = await RequestAsync<ContainerWaitRequest, ContainerWaitResult>(client, AgentMethods.ContainerWait, new ContainerWaitRequest(prefix, 60));
            Assert.True(wait.Ok, wait.Message);
            Assert.Contains("over the socket", await HttpProbe.WaitForAsync($"http://127.0.0.1:{port}/", "over the socket"));

            var refused = await AnswerAsync(client, AgentMethods.ContainerRun, new ContainerRunSpec("-bad", $"{prefix}:1"));
            Assert.Equal(ErrorCodes.InvalidArgument, refused.Error?.Code);
        }
        finally
        {
            await DockerCleanup.RemoveAsync(docker, prefix);
        }
    }
}
