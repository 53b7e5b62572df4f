using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Connections;

/// <summary>One console's socket: handshake, then a receive loop that hands requests to the dispatcher while a
/// single writer task sends every outgoing frame. Unauthenticated sockets get nothing but hello and one error.</summary>
internal sealed class AgentConnection(WebSocket socket, string remote, AgentConfig config, HandlerRegistry registry, ILogger logger,
    ConnectionBudget? budget = null, string? connectionId = null)
{
    public async Task RunAsync(CancellationToken agentStopping)
    {
        var auth = await new ConnectionAuthenticator(config, logger, budget?.Refusals).AuthenticateAsync(socket, remote, agentStopping).ConfigureAwait(false);
        if (auth is null) return;
        if (budget is not null && connectionId is not null && !budget.TryAdmit(connectionId))
        {
            logger.LogWarning("refused console {Fingerprint} from {Remote}: {Max} consoles are connected (max_connections)", auth.KeyFingerprint, remote, config.MaxConnections);
            await ConnectionAuthenticator.SendAndCloseAsync(socket, FrameCodec.ErrorFrame(null, ErrorCodes.RateLimited,
                $"this agent already serves {config.MaxConnections} consoles (max_connections); retry later"), WebSocketCloseStatus.PolicyViolation, "busy", agentStopping).ConfigureAwait(false);
            return;
        }
        logger.LogInformation("console {Fingerprint} ({User}, key {KeyName}, role {Role}) connected from {Remote}", auth.KeyFingerprint,
            Monitor.Shared.Text.TerminalText.Cell(auth.User ?? "-", 64), Monitor.Shared.Text.TerminalText.Cell(auth.KeyName ?? "-", 64), auth.Role, remote);

        using var closing = CancellationTokenSource.CreateLinkedTokenSource(agentStopping);
        var writer = new FrameWriter(socket);
        var writerTask = writer.RunAsync(closing.Token);
        var dispatcher = new RequestDispatcher(registry, writer, TimeSpan.FromSeconds(Math.Max(1, config.RequestTimeoutSeconds)),
            config.MaxOpenStreams, logger, closing.Token, new Fleet.RoleGate(auth.Role, auth.KeyName ?? auth.KeyFingerprint));
        try
        {
            var end = await ReceiveLoopAsync(writer, dispatcher, closing.Token).ConfigureAwait(false);
            if (end != LoopEnd.SocketGone)
            {
                // Let the writer flush what is queued and send our close frame before anything is cancelled.
                await Task.WhenAny(writerTask, Task.Delay(TimeSpan.FromSeconds(5), agentStopping)).ConfigureAwait(false);
                if (end == LoopEnd.TooBig) await MessageReceiver.DrainUntilCloseAsync(socket, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (agentStopping.IsCancellationRequested)
        {
            // the agent is stopping
        }
        finally
        {
            closing.Cancel();
            writer.Complete();
            await dispatcher.WaitForRunningAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await writerTask.ConfigureAwait(false);
            logger.LogInformation("console {Fingerprint} from {Remote} disconnected", auth.KeyFingerprint, remote);
        }
    }

    private enum LoopEnd { SocketGone, PeerClosed, TooBig }

    private async Task<LoopEnd> ReceiveLoopAsync(FrameWriter writer, RequestDispatcher dispatcher, CancellationToken ct)
    {
        var limiter = new RequestRateLimiter(config.MaxRequestsPerSecond);
        while (!ct.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            ReceivedMessage message;
            try
            {
                message = await MessageReceiver.ReceiveAsync(socket, config.MaxFrameBytes, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                return LoopEnd.SocketGone;
            }

            switch (message.Kind)
            {
                case ReceivedKind.Close:
                    await writer.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                    return LoopEnd.PeerClosed;
                case ReceivedKind.TooBig:
                    logger.LogWarning("closing connection from {Remote}: a frame exceeded {Max} bytes", remote, config.MaxFrameBytes);
                    await writer.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"frame exceeds {config.MaxFrameBytes} bytes", CancellationToken.None).ConfigureAwait(false);
                    return LoopEnd.TooBig;
                case ReceivedKind.Binary:
                    await SendAsync(writer, FrameCodec.ErrorFrame(null, ErrorCodes.MalformedFrame, "binary frames are not accepted; send JSON text frames"), ct).ConfigureAwait(false);
                    continue;
            }

            var parsed = FrameCodec.Decode(message.Data);
            if (!parsed.IsOk)
            {
                await SendAsync(writer, FrameCodec.ErrorFrame(null, parsed.Error!.Code, parsed.Error.Message), ct).ConfigureAwait(false);
                continue;
            }

            var frame = parsed.Envelope!;
            if (frame.Type == FrameTypes.Cancel)
            {
                dispatcher.Cancel(frame.Id); // never rate limited: cancelling is how a console sheds load
                continue;
            }
            if (!limiter.TryAcquire())
            {
                await SendAsync(writer, FrameCodec.ErrorFrame(frame.Id, ErrorCodes.RateLimited,
                    $"more than {config.MaxRequestsPerSecond} frames per second on this connection; slow down and retry"), ct).ConfigureAwait(false);
                continue;
            }

            var reply = frame.Type switch
            {
                FrameTypes.Request => dispatcher.Start(frame),
                FrameTypes.StreamInput => dispatcher.Input(frame) ? null
                    : FrameCodec.ErrorFrame(frame.Id, ErrorCodes.NotFound, $"no open stream with id '{frame.Id}'"),
                FrameTypes.Ping => new Envelope { Type = FrameTypes.Pong, Id = frame.Id },
                FrameTypes.Pong => null,
                FrameTypes.Auth => FrameCodec.ErrorFrame(frame.Id, ErrorCodes.MalformedFrame, "this connection is already authenticated"),
                _ => FrameCodec.ErrorFrame(frame.Id, ErrorCodes.MalformedFrame, $"unknown frame type '{frame.Type}'"),
            };
            if (reply is not null) await SendAsync(writer, reply, ct).ConfigureAwait(false);
        }
        return LoopEnd.SocketGone;
    }

    private static async Task SendAsync(FrameWriter writer, Envelope frame, CancellationToken ct)
    {
        try { await writer.SendAsync(frame, ct).ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException) { }
    }
}
