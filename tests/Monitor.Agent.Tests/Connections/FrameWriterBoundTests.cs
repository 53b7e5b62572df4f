using System.Net.WebSockets;
using System.Text.Json;
using Monitor.Agent.Connections;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Tests.Connections;

/// <summary>The connection's send queue is bounded in bytes: while the network does not take frames, a sender waits
/// once about <see cref="FrameWriter.MaxQueuedBytes"/> are queued, and goes on as soon as the socket drains.</summary>
public sealed class FrameWriterBoundTests
{
    [Fact]
    public async Task A_sender_waits_once_the_queued_bytes_reach_the_bound_and_goes_on_when_the_socket_drains()
    {
        var network = new StalledStream();
        using var socket = WebSocket.CreateFromStream(network, new WebSocketCreationOptions { IsServer = true });
        var writer = new FrameWriter(socket);
        using var stop = new CancellationTokenSource();
        var run = writer.RunAsync(stop.Token);

        var frame = Frame(FrameWriter.MaxQueuedBytes * 2 / 5); // three of them are more than the bound, two are not
        await writer.SendAsync(frame, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await network.FirstWrite.WaitAsync(TimeSpan.FromSeconds(30)); // the writer holds frame 1, stalled in the socket
        await writer.SendAsync(frame, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var third = writer.SendAsync(frame, CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted); // nothing can release bytes while the socket is stalled

        network.Open();
        await third.WaitAsync(TimeSpan.FromSeconds(30));
        writer.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(network.Written > 3L * FrameWriter.MaxQueuedBytes * 2 / 5);
    }

    private static Envelope Frame(int bytes) => new()
    {
        Type = FrameTypes.StreamData,
        Id = "1",
        Payload = JsonDocument.Parse($"\"{new string('x', bytes)}\"").RootElement.Clone(),
    };

    /// <summary>A network that takes nothing until opened.</summary>
    private sealed class StalledStream : Stream
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task FirstWrite => _firstWrite.Task;
        public long Written;
        public void Open() => _open.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _firstWrite.TrySetResult();
            await _open.Task.WaitAsync(ct).ConfigureAwait(false);
            Interlocked.Add(ref Written, buffer.Length);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) { await Task.Delay(Timeout.Infinite, ct); return 0; }
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override void Flush() { }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
