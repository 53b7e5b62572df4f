using System.Text;

namespace Monitor.Control.Exec;

/// <summary>The terminal of `monitor exec --json`: no input (end of input at once), no TTY, and the output collected
/// so the verb can print it as one JSON document with the exit code.</summary>
public sealed class CapturedExecTerminal : IExecTerminal
{
    private readonly MemoryStream _output = new();

    public string Output
    {
        get { lock (_output) return Encoding.UTF8.GetString(_output.ToArray()); }
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct) => ValueTask.FromResult(0);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        lock (_output) _output.Write(bytes.Span);
        return ValueTask.CompletedTask;
    }

    public bool IsInteractive => false;
    public (int Columns, int Rows)? Size => null;
    public event Action? Resized { add { } remove { } }
    public IDisposable EnterRawMode() => new NoMode();

    private sealed class NoMode : IDisposable
    {
        public void Dispose() { }
    }
}
