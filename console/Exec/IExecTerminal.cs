namespace Monitor.Control.Exec;

/// <summary>The operator's side of an exec session: bytes typed, bytes shown, the window size.</summary>
public interface IExecTerminal
{
    /// <summary>Reads typed bytes; returns 0 at end of input. Must return when <paramref name="ct"/> fires.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct);
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct);
    bool IsInteractive { get; }
    (int Columns, int Rows)? Size { get; }
    event Action? Resized;
    /// <summary>Puts the terminal in raw mode (keys go through as typed, no local echo) until disposed.</summary>
    IDisposable EnterRawMode();
}
