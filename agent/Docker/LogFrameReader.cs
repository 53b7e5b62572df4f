namespace Monitor.Agent.Docker;

/// <summary>Reads Docker's log stream frame by frame. Without a TTY each frame has an 8-byte header
/// (stream type, 0, 0, 0, big-endian size); with a TTY the bytes are raw stdout.</summary>
internal sealed class LogFrameReader(Stream stream, bool tty)
{
    private readonly byte[] _header = new byte[8];
    private byte[] _buffer = new byte[32 * 1024];

    /// <summary>The next frame's stream (1 stdout, 2 stderr) and bytes; null at end of stream.</summary>
    public async Task<(int Stream, ReadOnlyMemory<byte> Data)?> ReadAsync(CancellationToken ct)
    {
        if (tty)
        {
            var n = await stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
            return n == 0 ? null : (1, _buffer.AsMemory(0, n));
        }
        if (!await ReadExactlyAsync(_header, ct).ConfigureAwait(false)) return null;
        var size = (_header[4] << 24) | (_header[5] << 16) | (_header[6] << 8) | _header[7];
        if (size > _buffer.Length) _buffer = new byte[size];
        var data = _buffer.AsMemory(0, size);
        if (!await ReadExactlyAsync(data, ct).ConfigureAwait(false)) return null;
        return (_header[0] == 2 ? 2 : 1, data);
    }

    private async Task<bool> ReadExactlyAsync(Memory<byte> target, CancellationToken ct)
    {
        var read = 0;
        while (read < target.Length)
        {
            var n = await stream.ReadAsync(target[read..], ct).ConfigureAwait(false);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
