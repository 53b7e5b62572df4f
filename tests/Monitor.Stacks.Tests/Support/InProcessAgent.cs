using Monitor.Agent.Dispatch;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Docker.DotNet;
using Monitor.Agent.Stacks;
using Monitor.Control.Agents;
using Monitor.Shared.Protocol;

namespace Monitor.Stacks.Tests.Support;

/// <summary>
/// The real stack handlers (real Docker, git, registry, docker-compose) behind an <see cref="IAgentClient"/>, without the
/// WebSocket: every request and item goes through the protocol's JSON (ProtocolJson) both ways, as on the wire.
/// Stands in for TestAgent + the console's WebSocket client until those parts are merged.
/// </summary>
public sealed class InProcessAgent : IAgentClient, IStackMethodSink
{
    private readonly Dictionary<string, Func<JsonElement, CancellationToken, Task<JsonElement>>> _requests = [];
    private readonly Dictionary<string, Func<JsonElement, Func<JsonElement, CancellationToken, ValueTask>, CancellationToken, Task<JsonElement>>> _streams = [];

    public InProcessAgent(string serverName, DockerClient docker, string workDir)
    {
        ServerName = serverName;
        WorkDir = workDir;
        StackHandlers.RegisterInto(this, docker, workDir, "unix:///var/run/docker.sock");
        Monitor.Agent.Routes.RouteHandlers.RegisterInto(this, new Monitor.Shared.Config.AgentConfig { WorkDir = workDir }, docker, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        // command.run belongs to the agent engineer; scripts need it, so this stand-in runs it the same way (sh -c in a dir inside WorkDir).
        Handle(AgentMethods.CommandRun, async (request, emit, ct) =>
        {
            var dir = StackInputRules.PathInside(workDir, workDir, request.WorkingDirectory, "working directory");
            var pump = new OutputPump(emit, ct);
            var started = DateTime.UtcNow;
            var exit = await ProcessRunner.RunAsync(request.Shell ? "/bin/sh" : request.File, request.Shell ? ["-c", request.File] : request.Args, dir, request.Env ?? new Dictionary<string, string>(), pump, ct);
            await pump.CompleteAsync();
            return new CommandResult(exit, false, (DateTime.UtcNow - started).TotalSeconds);
        });
    }

    public string WorkDir { get; }
    public string ServerName { get; }
    public AgentConnectionState State => AgentConnectionState.Online;
    public string? LastError => null;
    public event EventHandler<AgentConnectionState>? StateChanged { add { } remove { } }

    public Task EnsureConnectedAsync(CancellationToken ct = default) => Task.CompletedTask;

    public void Handle<TReq, TRes>(RequestMethod<TReq, TRes> method, Func<TReq, CancellationToken, Task<TRes>> handler) =>
        _requests[method.Name] = async (payload, ct) => ProtocolJson.ToElement(await handler(ProtocolJson.FromElement<TReq>(payload)!, ct));

    public void Handle<TReq, TItem, TEnd>(StreamMethod<TReq, TItem, TEnd> method, Func<TReq, Func<TItem, CancellationToken, ValueTask>, CancellationToken, Task<TEnd>> handler) =>
        _streams[method.Name] = async (payload, emit, ct) =>
            ProtocolJson.ToElement(await handler(ProtocolJson.FromElement<TReq>(payload)!, (item, c) => emit(ProtocolJson.ToElement(item), c), ct));

    public async Task<TResponse> RequestAsync<TRequest, TResponse>(RequestMethod<TRequest, TResponse> method, TRequest request, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        if (!_requests.TryGetValue(method.Name, out var handler)) throw new AgentException(ServerName, ErrorCodes.UnknownMethod, $"unknown method {method}");
        try { return ProtocolJson.FromElement<TResponse>(await handler(ProtocolJson.ToElement(request), ct))!; }
        catch (AgentRequestException ex) { throw new AgentException(ServerName, ex.Code, ex.Message); }
        catch (DockerApiException ex) { throw new AgentException(ServerName, ErrorCodes.DockerError, ex.ResponseBody); }
    }

    public Task<IAgentStream<TItem, TEnd>> OpenStreamAsync<TRequest, TItem, TEnd>(StreamMethod<TRequest, TItem, TEnd> method, TRequest request, CancellationToken ct = default)
    {
        if (!_streams.TryGetValue(method.Name, out var handler)) throw new AgentException(ServerName, ErrorCodes.UnknownMethod, $"unknown method {method}");
        var items = Channel.CreateUnbounded<JsonElement>();
        var end = new TaskCompletionSource<TEnd>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await handler(ProtocolJson.ToElement(request), (item, c) => items.Writer.WriteAsync(item, c), ct);
                end.SetResult(ProtocolJson.FromElement<TEnd>(result)!);
                items.Writer.TryComplete();
            }
            catch (AgentRequestException ex) { Fail(new AgentException(ServerName, ex.Code, ex.Message)); }
            catch (DockerApiException ex) { Fail(new AgentException(ServerName, ErrorCodes.DockerError, ex.ResponseBody)); }
            catch (Exception ex) { Fail(ex); }
            void Fail(Exception ex) { end.TrySetException(ex); items.Writer.TryComplete(ex); }
        }, CancellationToken.None);
        return Task.FromResult<IAgentStream<TItem, TEnd>>(new LocalStream<TItem, TEnd>(items.Reader, end.Task));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class LocalStream<TItem, TEnd>(ChannelReader<JsonElement> items, Task<TEnd> end) : IAgentStream<TItem, TEnd>
    {
        public Task<TEnd> Completion => end;

        public async IAsyncEnumerable<TItem> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var item in items.ReadAllAsync(ct)) yield return ProtocolJson.FromElement<TItem>(item)!;
            await end; // surfaces the handler's error
        }

        public Task SendInputAsync<TInput>(TInput input, CancellationToken ct = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
