using System.Net.WebSockets;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Listed_key_is_accepted_and_agent_info_answers()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        var info = await client.CallAsync<AgentInfoRequest, AgentInfo>(Methods.AgentInfo, new AgentInfoRequest());
        Assert.True(info.DockerReachable);
        Assert.Equal("1.41", info.DockerApiVersion);
    }

    [Fact]
    public async Task Unlisted_key_is_refused_and_the_socket_closed()
    {
        await using var agent = await TestAgent.StartAsync();
        using var stranger = ConsoleKeyPair.Generate();
        await using var client = await RawAgentClient.ConnectAsync(agent.Url);
        var answer = await client.AuthenticateAsync(stranger);
        Assert.Equal(FrameTypes.Error, answer!.Type);
        Assert.Equal(ErrorCodes.AuthFailed, answer.Error!.Code);
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task A_signature_replayed_on_another_connection_is_refused()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var first = await RawAgentClient.ConnectAsync(agent.Url);
        var captured = first.SignAuth(agent.ConsoleKey);
        Assert.Equal(FrameTypes.AuthOk, (await first.SendAuthAsync(captured))!.Type);

        await using var attacker = await RawAgentClient.ConnectAsync(agent.Url);
        Assert.NotEqual(first.Hello!.Nonce, attacker.Hello!.Nonce);
        var answer = await attacker.SendAuthAsync(captured);
        Assert.Equal(ErrorCodes.AuthFailed, answer!.Error!.Code);
    }

    [Fact]
    public async Task A_request_before_auth_is_refused()
    {
        await using var agent = await TestAgent.StartAsync();
        await using var client = await RawAgentClient.ConnectAsync(agent.Url);
        await client.SendAsync(FrameCodec.Request("x1", Methods.ContainerList, new ContainerListRequest()));
        var answer = await client.ReceiveAsync();
        Assert.Equal(ErrorCodes.AuthRequired, answer!.Error!.Code);
        Assert.Null(await client.ReceiveAsync());
    }

    [Fact]
    public async Task An_address_outside_allowed_ips_is_refused_before_the_upgrade()
    {
        await using var agent = await TestAgent.StartAsync(c => c.AllowedIps = ["10.0.0.0/8"]);
        var error = await Assert.ThrowsAsync<WebSocketException>(() => RawAgentClient.ConnectAsync(agent.Url));
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task An_address_inside_allowed_ips_is_accepted()
    {
        await using var agent = await TestAgent.StartAsync(c => c.AllowedIps = ["127.0.0.0/8"]);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task A_key_added_to_authorized_keys_works_without_restart()
    {
        await using var agent = await TestAgent.StartAsync();
        using var second = ConsoleKeyPair.Generate();
        await File.AppendAllTextAsync(agent.Config.AuthorizedKeys, second.PublicKeyLine("second") + "\n");
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, second);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }
}
