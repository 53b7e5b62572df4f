using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Tests.Dispatch;

public sealed class RequestDispatcherTests
{
    /// <summary>Collects what the dispatcher sends (a fake of the socket writer, to test the dispatcher's own logic).</summary>
    private sealed class RecordingChannel : IRequestChannel
    {
        private readonly Channel<Envelope> _frames = Channel.CreateUnbounded<Envelope>();
        public ValueTask SendAsync(Envelope frame, CancellationToken ct) => _frames.Writer.WriteAsync(frame, ct);

        public async Task<Envelope> NextAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await _frames.Reader.ReadAsync(cts.Token);
        }

        public bool TryPeekAny() => _frames.Reader.TryPeek(out _);
    }

    private static (RequestDispatcher Dispatcher, RecordingChannel Channel) Create(HandlerRegistry registry, int maxStreams = 4, TimeSpan? timeout = null)
    {
        var channel = new RecordingChannel();
        return (new RequestDispatcher(registry, channel, timeout ?? TimeSpan.FromSeconds(30), maxStreams, NullLogger.Instance, CancellationToken.None), channel);
    }

    private static Envelope Request(string id, string method, object? payload = null) =>
        new() { Type = FrameTypes.Request, Id = id, Method = method, Payload = payload is null ? null : JsonSerializer.SerializeToElement(payload, ProtocolJson.Options) };

    [Fact]
    public async Task A_request_gets_exactly_one_response_with_its_id()
    {
        var registry = new HandlerRegistry();
        registry.Handle(new RequestMethod<ContainerRef, ContainerActionResult>("t.echo", AgentRole.Viewer), (r, _) => Task.FromResult(new ContainerActionResult("id", r.Container, "ok")));
        var (dispatcher, channel) = Create(registry);
        Assert.Null(dispatcher.Start(Request("a", "t.echo", new ContainerRef("web"))));
        var answer = await channel.NextAsync();
        Assert.Equal(FrameTypes.Response, answer.Type);
        Assert.Equal("a", answer.Id);
        Assert.Equal("web", ProtocolJson.FromElement<ContainerActionResult>(answer.Payload)!.Name);
        await dispatcher.WaitForRunningAsync(TimeSpan.FromSeconds(10));
        Assert.False(channel.TryPeekAny());
    }

    [Fact]
    public async Task A_request_past_its_timeout_gets_a_timeout_error()
    {
        var registry = new HandlerRegistry();
        registry.Handle(new RequestMethod<AgentInfoRequest, AgentInfo>("t.hang", AgentRole.Viewer, TimeSpan.FromMilliseconds(200)),
            async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); throw new InvalidOperationException("unreachable"); });
        var (dispatcher, channel) = Create(registry);
        dispatcher.Start(Request("h", "t.hang"));
        var answer = await channel.NextAsync();
        Assert.Equal(ErrorCodes.Timeout, answer.Error!.Code);
    }

    [Fact]
    public async Task A_cancel_frame_ends_a_request_with_cancelled()
    {
        var registry = new HandlerRegistry();
        var started = new TaskCompletionSource();
        registry.Handle(new RequestMethod<AgentInfoRequest, AgentInfo>("t.wait", AgentRole.Viewer), async (_, ct) => { started.SetResult(); await Task.Delay(Timeout.Infinite, ct); return null!; });
        var (dispatcher, channel) = Create(registry);
        dispatcher.Start(Request("w", "t.wait"));
        await started.Task;
        dispatcher.Cancel("w");
        Assert.Equal(ErrorCodes.Cancelled, (await channel.NextAsync()).Error!.Code);
    }

    [Fact]
    public async Task Handler_exceptions_become_structured_errors_without_stack_traces()
    {
        var registry = new HandlerRegistry();
        registry.Handle(new RequestMethod<AgentInfoRequest, AgentInfo>("t.known", AgentRole.Viewer), (_, _) => throw new AgentRequestException(ErrorCodes.Conflict, "already running"));
        registry.Handle(new RequestMethod<AgentInfoRequest, AgentInfo>("t.bug", AgentRole.Viewer), (_, _) => throw new NullReferenceException("secret internals"));
        var (dispatcher, channel) = Create(registry);
        dispatcher.Start(Request("k", "t.known"));
        var known = await channel.NextAsync();
        Assert.Equal(new ProtocolError(ErrorCodes.Conflict, "already running"), known.Error);
        dispatcher.Start(Request("b", "t.bug"));
        var bug = await channel.NextAsync();
        Assert.Equal(ErrorCodes.Internal, bug.Error!.Code);
        Assert.DoesNotContain(" at ", bug.Error.Message);
        Assert.DoesNotContain("secret internals", bug.Error.Message);
    }

    [Fact]
    public async Task A_stream_sends_response_then_numbered_items_then_its_end_and_reads_input()
    {
        var registry = new HandlerRegistry();
        registry.Handle(new StreamMethod<AgentInfoRequest, OutputChunk, CommandResult>("t.stream", AgentRole.Viewer), async (_, writer, ct) =>
        {
            await writer.WriteAsync(new OutputChunk("stdout", "one"), ct);
            var input = await writer.Input.ReadAsync(ct);
            await writer.WriteAsync(new OutputChunk("stdout", input.GetProperty("echo").GetString()!), ct);
            return new CommandResult(0, false, 0.1);
        });
        var (dispatcher, channel) = Create(registry);
        dispatcher.Start(Request("s", "t.stream"));
        Assert.Equal(FrameTypes.Response, (await channel.NextAsync()).Type);
        var first = await channel.NextAsync();
        Assert.Equal((FrameTypes.StreamData, 1L), (first.Type, first.Seq!.Value));
        Assert.True(dispatcher.Input(new Envelope { Type = FrameTypes.StreamInput, Id = "s", Payload = JsonDocument.Parse("{\"echo\":\"two\"}").RootElement }));
        var second = await channel.NextAsync();
        Assert.Equal(2L, second.Seq);
        Assert.Equal("two", ProtocolJson.FromElement<OutputChunk>(second.Payload)!.Text);
        var end = await channel.NextAsync();
        Assert.Equal((FrameTypes.StreamEnd, 3L), (end.Type, end.Seq!.Value));
        Assert.Null(end.Error);
        Assert.Equal(0, ProtocolJson.FromElement<CommandResult>(end.Payload)!.ExitCode);
    }

    [Fact]
    public async Task A_failing_stream_ends_with_the_error_in_stream_end()
    {
        var registry = new HandlerRegistry();
        registry.Handle(new StreamMethod<AgentInfoRequest, OutputChunk, CommandResult>("t.fail", AgentRole.Viewer), async (_, writer, ct) =>
        {
            await writer.WriteAsync(new OutputChunk("stdout", "one"), ct);
            throw new AgentRequestException(ErrorCodes.NotFound, "gone");
        });
        var (dispatcher, channel) = Create(registry);
        dispatcher.Start(Request("f", "t.fail"));
        await channel.NextAsync();
        await channel.NextAsync();
        var end = await channel.NextAsync();
        Assert.Equal(FrameTypes.StreamEnd, end.Type);
        Assert.Equal(2L, end.Seq);
        Assert.Equal(ErrorCodes.NotFound, end.Error!.Code);
    }

    [Fact]
    public void Requests_that_cannot_start_are_answered_at_once()
    {
        var registry = new HandlerRegistry();
        var gate = new TaskCompletionSource<AgentInfo>();
        registry.Handle(new RequestMethod<AgentInfoRequest, AgentInfo>("t.gate", AgentRole.Viewer), (_, _) => gate.Task);
        var (dispatcher, _) = Create(registry);
        Assert.Equal(ErrorCodes.UnknownMethod, dispatcher.Start(Request("u", "t.none"))!.Error!.Code);
        Assert.Equal(ErrorCodes.MalformedFrame, dispatcher.Start(new Envelope { Type = FrameTypes.Request, Method = "t.gate" })!.Error!.Code);
        Assert.Null(dispatcher.Start(Request("same", "t.gate")));
        Assert.Equal(ErrorCodes.InvalidArgument, dispatcher.Start(Request("same", "t.gate"))!.Error!.Code);
        gate.SetResult(null!);
    }

    [Fact]
    public void Registering_a_method_twice_is_refused()
    {
        var registry = new HandlerRegistry();
        registry.Handle(new RequestMethod<AgentInfoRequest, AgentInfo>("t.x", AgentRole.Viewer), (_, _) => Task.FromResult<AgentInfo>(null!));
        Assert.Throws<InvalidOperationException>(() => registry.Handle(new RequestMethod<AgentInfoRequest, AgentInfo>("t.x", AgentRole.Viewer), (_, _) => Task.FromResult<AgentInfo>(null!)));
    }
}
