using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Fleet;

/// <summary>Roles are enforced by the agent itself: these tests talk raw frames, not through the console.</summary>
public sealed class RoleTests : IAsyncLifetime
{
    private TestAgent _agent = null!;
    private readonly ConsoleKeyPair _viewer = ConsoleKeyPair.Generate();
    private readonly ConsoleKeyPair _operator = ConsoleKeyPair.Generate();
    private readonly DockerContainers _docker = new();

    public async Task InitializeAsync()
    {
        _agent = await TestAgent.StartAsync();
        await File.AppendAllTextAsync(_agent.Config.AuthorizedKeys,
            $"{ConsoleKeyPair.KeyType} {_viewer.PublicKeyBase64} role=viewer name=val ops laptop\n" +
            $"{ConsoleKeyPair.KeyType} {_operator.PublicKeyBase64} name=otto role=operator\n");
    }

    public async Task DisposeAsync()
    {
        await _docker.DisposeAsync();
        await _agent.DisposeAsync();
        _viewer.Dispose(); _operator.Dispose();
    }

    [Fact]
    public async Task A_viewer_key_is_refused_stop_exec_and_run_but_may_list()
    {
        var name = await _docker.RunAsync("viewer", "sleep 600");
        var marker = Path.Combine(_agent.WorkDir, "ran");
        await using var client = await RawAgentClient.ConnectAsync(_agent.Url);
        var ok = await client.AuthenticateAsync(_viewer);
        var granted = ProtocolJson.FromElement<AuthOkPayload>(ok.Payload)!;
        Assert.Equal(("viewer", "val"), (granted.Role, granted.KeyName));

        foreach (var (method, payload) in new (AgentMethod, object)[]
                 {
                     (AgentMethods.ContainerStop, new ContainerStopRequest(name, 1)),
                     (AgentMethods.ContainerExec, new ContainerExecRequest(name, ["sh"])),
                     (AgentMethods.CommandRun, new CommandRunRequest("touch", [marker])),
                     (AgentMethods.KeysAdd, new KeyAddRequest(_viewer.PublicKeyBase64, "admin", null, null)),
                     (AgentMethods.HostShell, new HostShellRequest()),
                 })
        {
            var answer = await client.AnswerAsync(await client.SendRequestAsync(method.Name, payload));
            Assert.Equal(FrameTypes.Error, answer.Type);
            Assert.Equal(ErrorCodes.Forbidden, answer.Error!.Code);
            Assert.Contains($"{method.Name} needs the", answer.Error.Message);
            Assert.Contains("'val' is viewer", answer.Error.Message);
        }

        Assert.True((await _docker.Client.Containers.InspectContainerAsync(name)).State.Running);
        Assert.False(File.Exists(marker));
        var list = await client.RequestAsync(AgentMethods.ContainerList, new ContainerListRequest(All: true));
        Assert.Contains(list.Containers, c => c.Name == name);
    }

    [Fact]
    public async Task An_operator_key_may_stop_but_not_run_commands()
    {
        var name = await _docker.RunAsync("operator", "sleep 600");
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(_agent.Url, _operator);
        await client.RequestAsync(AgentMethods.ContainerStop, new ContainerStopRequest(name, 1));
        Assert.False((await _docker.Client.Containers.InspectContainerAsync(name)).State.Running);
        var run = await client.AnswerAsync(await client.SendRequestAsync(AgentMethods.CommandRun, new CommandRunRequest("true", [])));
        Assert.Equal(ErrorCodes.Forbidden, run.Error!.Code);
    }

    [Fact]
    public async Task A_key_line_with_an_unknown_role_is_not_let_in_at_all()
    {
        using var bad = ConsoleKeyPair.Generate();
        await File.AppendAllTextAsync(_agent.Config.AuthorizedKeys, $"{ConsoleKeyPair.KeyType} {bad.PublicKeyBase64} role=root\n");
        await using var client = await RawAgentClient.ConnectAsync(_agent.Url);
        var answer = await client.AuthenticateAsync(bad);
        Assert.Equal(ErrorCodes.AuthFailed, answer.Error!.Code);
    }

    [Fact]
    public async Task An_admin_adds_and_removes_keys_and_the_last_admin_key_stays()
    {
        await using var admin = await RawAgentClient.ConnectAuthenticatedAsync(_agent.Url, _agent.ConsoleKey);
        using var fresh = ConsoleKeyPair.Generate();
        var added = await admin.RequestAsync(AgentMethods.KeysAdd, new KeyAddRequest(fresh.PublicKeyLine("new"), "operator", "nina", "rotated"));
        Assert.True(added.Changed);
        Assert.Equal(fresh.Fingerprint, added.Fingerprint);
        await using (var nina = await RawAgentClient.ConnectAsync(_agent.Url))
        {
            var ok = ProtocolJson.FromElement<AuthOkPayload>((await nina.AuthenticateAsync(fresh)).Payload)!;
            Assert.Equal(("operator", "nina"), (ok.Role, ok.KeyName));
        }
        var listed = await admin.RequestAsync(AgentMethods.KeysList, new KeyListRequest());
        Assert.Contains(listed.Keys, k => k.Fingerprint == fresh.Fingerprint && k.Role == "operator" && k.Name == "nina");

        Assert.True((await admin.RequestAsync(AgentMethods.KeysRemove, new KeyRemoveRequest(fresh.Fingerprint))).Changed);
        await using (var gone = await RawAgentClient.ConnectAsync(_agent.Url))
            Assert.Equal(ErrorCodes.AuthFailed, (await gone.AuthenticateAsync(fresh)).Error!.Code);

        var last = await admin.AnswerAsync(await admin.SendRequestAsync(AgentMethods.KeysRemove, new KeyRemoveRequest(_agent.ConsoleKey.Fingerprint)));
        Assert.Equal(ErrorCodes.Conflict, last.Error!.Code);
        Assert.Contains("last admin key", last.Error.Message);
    }
}
