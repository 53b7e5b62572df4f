namespace Monitor.Shared.Protocol;

/// <summary>Opens an interactive exec session in a container (Docker exec). The stream carries
/// <see cref="ExecOutput"/> items; the console sends <see cref="ExecInput"/> as stream.input frames (keystrokes,
/// terminal size, end of input); the stream ends with <see cref="ExecResult"/>.</summary>
public sealed record ContainerExecRequest(
    string Container,
    IReadOnlyList<string>? Command = null,
    bool Tty = true,
    int? Columns = null,
    int? Rows = null);

/// <summary>Raw terminal bytes, base64 (a TTY session is bytes, not lines). <paramref name="Stream"/> is stdout or stderr.</summary>
public sealed record ExecOutput(string Data, string Stream = "stdout");

/// <summary>Console → agent during an exec: bytes typed (base64), a new terminal size, or the end of input.</summary>
public sealed record ExecInput(string? Data = null, int? Columns = null, int? Rows = null, bool CloseInput = false);

public sealed record ExecResult(int ExitCode);
