using System.Net;
using System.Net.WebSockets;
using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Connections;

public sealed class HandshakeTests : IAsyncLifetime
{
    private TestAgent _agent = null!;

    public async Task InitializeAsync() => _agent = await TestAgent.StartAsync(c => c.AuthTimeoutSeconds = 2);
    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Hello_carries_a_fresh_32_byte_nonce_and_a_unique_connection_id()
    {
        await using var a = await RawAgentClient.ConnectAsync(_agent.Url);
        await using var b = await RawAgentClient.ConnectAsync(_agent.Url);
        Assert.Equal(32, Convert.FromBase64String(a.Hello.Nonce).Length);
        Assert.NotEqual(a.Hello.Nonce, b.Hello.Nonce);
        Assert.NotEqual(a.Hello.ConnectionId, b.Hello.ConnectionId);
        Assert.Equal(ProtocolVersion.Current, a.Hello.ProtocolVersion);
    }

    [Fact]
    public async Task Authorized_key_gets_auth_ok_and_can_make_requests()
    {
        await using var client = await RawAgentClient.ConnectAsync(_agent.Url);
        var answer = await client.AuthenticateAsync(_agent.ConsoleKey);
        Assert.Equal(FrameTypes.AuthOk, answer.Type);
        var info = await client.RequestAsync(AgentMethods.AgentInfo, new AgentInfoRequest());
        Assert.False(string.IsNullOrEmpty(info.AgentVersion));
    }

    [Fact]
    public async Task Wrong_key_is_refused_with_auth_failed_and_close_1008()
    {
        using var stranger = ConsoleKeyPair.Generate();
        await using var client = await RawAgentClient.ConnectAsync(_agent.Url);
        var answer = await client.AuthenticateAsync(stranger);
        Assert.Equal(FrameTypes.Error, answer.Type);
        Assert.Equal(ErrorCodes.AuthFailed, answer.Error!.Code);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.WaitClosedAsync());
    }

    [Fact]
    public async Task Signature_replayed_from_another_connection_is_refused()
    {
        await using var first = await RawAgentClient.ConnectAsync(_agent.Url);
        var captured = RawAgentClient.SignAuth(_agent.ConsoleKey, first.Hello);
        Assert.Equal(FrameTypes.AuthOk, (await first.SendAuthAsync(captured)).Type);

        await using var second = await RawAgentClient.ConnectAsync(_agent.Url);
        var answer = await second.SendAuthAsync(captured);
        Assert.Equal(FrameTypes.Error, answer.Type);
        Assert.Equal(ErrorCodes.AuthFailed, answer.Error!.Code);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await second.WaitClosedAsync());
    }

    [Fact]
    public async Task A_request_before_auth_is_refused_with_auth_required_and_nothing_else()
    {
        await using var client = await RawAgentClient.ConnectAsync(_agent.Url);
        await client.SendAsync(FrameCodec.Request("early", AgentMethods.ContainerList, new ContainerListRequest()));
        var answer = await client.WaitForAsync(e => e.Type == FrameTypes.Error);
        Assert.Equal(ErrorCodes.AuthRequired, answer.Error!.Code);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.WaitClosedAsync());
        Assert.DoesNotContain(client.Pending(), e => e.Type == FrameTypes.Response);
    }

    [Fact]
    public async Task Silence_after_hello_times_out_with_auth_required()
    {
        await using var client = await RawAgentClient.ConnectAsync(_agent.Url);
        var answer = await client.WaitForAsync(e => e.Type == FrameTypes.Error);
        Assert.Equal(ErrorCodes.AuthRequired, answer.Error!.Code);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.WaitClosedAsync());
    }

    [Fact]
    public async Task A_key_added_to_authorized_keys_works_without_restart()
    {
        using var newcomer = ConsoleKeyPair.Generate();
        await File.AppendAllTextAsync(_agent.Config.AuthorizedKeys, newcomer.PublicKeyLine("newcomer") + "\n");
        await using var client = await RawAgentClient.ConnectAsync(_agent.Url);
        Assert.Equal(FrameTypes.AuthOk, (await client.AuthenticateAsync(newcomer)).Type);
    }

    [Fact]
    public async Task Address_outside_allowed_ips_is_refused_with_403_before_the_upgrade()
    {
        await using var agent = await TestAgent.StartAsync(c => c.AllowedIps = ["10.0.0.0/8"]);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(agent.Url, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Loopback_inside_allowed_ips_is_accepted()
    {
        await using var agent = await TestAgent.StartAsync(c => c.AllowedIps = ["10.0.0.0/8", "127.0.0.0/8"]);
        await using var client = await RawAgentClient.ConnectAuthenticatedAsync(agent.Url, agent.ConsoleKey);
        Assert.NotNull(client.Hello.ConnectionId);
    }
}
