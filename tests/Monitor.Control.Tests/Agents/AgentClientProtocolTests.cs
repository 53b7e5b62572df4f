using Monitor.Control.Agents;
using Monitor.Control.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Control.Tests.Agents;

/// <summary>The client's own protocol logic against a scripted peer: correlation, streams, seq checks, drops, auth.</summary>
public class AgentClientProtocolTests
{
    private static readonly AgentClientOptions Fast = new()
    {
        ConnectWait = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(10),
        Backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)),
    };

    [Fact]
    public async Task Handshake_signs_the_nonce_and_requests_are_correlated()
    {
        using var key = ConsoleKeyPair.Generate();
        await using var agent = new ScriptedAgent(key.PublicKeyLine("c"), async (conn, request) =>
        {
            var asked = ProtocolJson.FromElement<ContainerRef>(request.Payload)!.Container;
            await Task.Delay(asked == "slow" ? 200 : 0);
            await conn.SendAsync(FrameCodec.Response(request.Id!, new ContainerActionResult("id-" + asked, asked, "running")));
        });
        await using var client = new AgentClient("s", agent.Url, key, "me", Fast);
        var slow = client.RequestAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef("slow"));
        var quick = client.RequestAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef("quick"));
        Assert.Equal("id-quick", (await quick).Id);
        Assert.Equal("id-slow", (await slow).Id);
        Assert.Equal(AgentConnectionState.Online, client.State);
        Assert.Null(client.LastError);
        Assert.Equal(1, agent.Connections);
    }

    [Fact]
    public async Task Agent_errors_surface_with_their_code()
    {
        using var key = ConsoleKeyPair.Generate();
        await using var agent = new ScriptedAgent(key.PublicKeyLine("c"), (conn, request) =>
            conn.SendAsync(FrameCodec.ErrorFrame(request.Id, ErrorCodes.NotFound, "no such container: x")));
        await using var client = new AgentClient("s", agent.Url, key, null, Fast);
        var ex = await Assert.ThrowsAsync<AgentException>(() => client.RequestAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef("x")));
        Assert.Equal(ErrorCodes.NotFound, ex.Code);
        Assert.Equal("s: no such container: x", ex.Message);
    }

    [Fact]
    public async Task Stream_items_arrive_in_order_then_the_end_payload()
    {
        using var key = ConsoleKeyPair.Generate();
        await using var agent = new ScriptedAgent(key.PublicKeyLine("c"), async (conn, request) =>
        {
            await conn.SendAsync(FrameCodec.Response(request.Id!, new ContainerRef("opened")));
            for (var i = 1; i <= 5; i++)
                await conn.SendAsync(FrameCodec.StreamData(request.Id!, i, new OutputBatch([new OutputChunk("stdout", $"{i}\n")])));
            await conn.SendAsync(FrameCodec.StreamEnd(request.Id!, 6, new CommandResult(3, false, 0.1)));
        });
        await using var client = new AgentClient("s", agent.Url, key, null, Fast);
        await using var stream = await client.OpenStreamAsync<CommandRunRequest, OutputBatch, CommandResult>(Methods.CommandRun, new CommandRunRequest("x", []));
        var text = new List<string>();
        await foreach (var batch in stream.ReadAllAsync()) text.AddRange(batch.Chunks.Select(c => c.Text.Trim()));
        Assert.Equal(["1", "2", "3", "4", "5"], text);
        Assert.Equal(3, (await stream.Completion).ExitCode);
    }

    [Fact]
    public async Task Out_of_order_stream_frames_fail_the_stream()
    {
        using var key = ConsoleKeyPair.Generate();
        await using var agent = new ScriptedAgent(key.PublicKeyLine("c"), async (conn, request) =>
        {
            await conn.SendAsync(FrameCodec.Response(request.Id!, new ContainerRef("opened")));
            await conn.SendAsync(FrameCodec.StreamData(request.Id!, 1, new OutputBatch([])));
            await conn.SendAsync(FrameCodec.StreamData(request.Id!, 3, new OutputBatch([])));
        });
        await using var client = new AgentClient("s", agent.Url, key, null, Fast);
        await using var stream = await client.OpenStreamAsync<CommandRunRequest, OutputBatch, CommandResult>(Methods.CommandRun, new CommandRunRequest("x", []));
        var ex = await Assert.ThrowsAsync<AgentException>(async () => { await foreach (var _ in stream.ReadAllAsync()) { } });
        Assert.Contains("expected frame 2, got 3", ex.Message);
    }

    [Fact]
    public async Task A_dropped_connection_fails_pending_requests_and_open_streams_then_reconnects()
    {
        using var key = ConsoleKeyPair.Generate();
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = new ScriptedAgent(key.PublicKeyLine("c"), async (conn, request) =>
        {
            if (request.Method == Methods.CommandRun)
            {
                await conn.SendAsync(FrameCodec.Response(request.Id!, new ContainerRef("opened")));
                opened.TrySetResult();
            }
            else if (request.Method == Methods.AgentInfo)
                await conn.SendAsync(FrameCodec.Response(request.Id!, new AgentInfo("1", "h", "linux", 2, null, null, false)));
            // container.start: never answered
        });
        await using var client = new AgentClient("s", agent.Url, key, null, Fast);
        await using var stream = await client.OpenStreamAsync<CommandRunRequest, OutputBatch, CommandResult>(Methods.CommandRun, new CommandRunRequest("x", []));
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var pending = client.RequestAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef("x"));
        var reading = Task.Run(async () => { await foreach (var _ in stream.ReadAllAsync()) { } });

        agent.DropAll();

        var requestError = await Assert.ThrowsAsync<AgentException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ErrorCodes.Unreachable, requestError.Code);
        var streamError = await Assert.ThrowsAsync<AgentException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ErrorCodes.Unreachable, streamError.Code);

        var info = await client.RequestAsync<AgentInfoRequest, AgentInfo>(Methods.AgentInfo, new AgentInfoRequest());
        Assert.Equal("h", info.Hostname);
        Assert.True(agent.Connections >= 2);
    }

    [Fact]
    public async Task Timeout_and_cancellation_send_cancel_to_the_agent()
    {
        using var key = ConsoleKeyPair.Generate();
        ScriptedConnection? connection = null;
        await using var agent = new ScriptedAgent(key.PublicKeyLine("c"), (conn, _) => { connection = conn; return Task.CompletedTask; });
        await using var client = new AgentClient("s", agent.Url, key, null, Fast);
        var timeout = await Assert.ThrowsAsync<AgentException>(() =>
            client.RequestAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef("x"), TimeSpan.FromMilliseconds(200)));
        Assert.Equal(ErrorCodes.Timeout, timeout.Code);

        using var cts = new CancellationTokenSource();
        var cancelled = client.RequestAsync<ContainerRef, ContainerActionResult>(Methods.ContainerStart, new ContainerRef("y"), ct: cts.Token);
        cts.CancelAfter(100);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((connection?.Cancelled.Count ?? 0) < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(2, connection!.Cancelled.Count);
    }

    [Fact]
    public async Task Unknown_key_ends_AuthFailed_without_a_retry_loop()
    {
        using var trusted = ConsoleKeyPair.Generate();
        using var stranger = ConsoleKeyPair.Generate();
        await using var agent = new ScriptedAgent(trusted.PublicKeyLine("c"), (_, _) => Task.CompletedTask);
        await using var client = new AgentClient("s", agent.Url, stranger, null, Fast);
        var ex = await Assert.ThrowsAsync<AgentException>(() => client.EnsureConnectedAsync());
        Assert.Equal(ErrorCodes.AuthFailed, ex.Code);
        Assert.Equal(AgentConnectionState.AuthFailed, client.State);
        Assert.Contains("authorized_keys", client.LastError);

        // No automatic retries: the attempt count stays put while nobody asks.
        var attempts = client.ConnectAttempts;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(attempts, client.ConnectAttempts);
        Assert.Equal(AgentConnectionState.AuthFailed, client.State);

        // Asking again retries once.
        await Assert.ThrowsAsync<AgentException>(() => client.EnsureConnectedAsync());
        Assert.Equal(attempts + 1, client.ConnectAttempts);
    }
}
