namespace Monitor.Shared.Protocol;

/// <summary>Runs a program with an argument list. No shell is involved unless <paramref name="Shell"/> is set,
/// in which case <paramref name="File"/> is passed as the single script to <c>/bin/sh -c</c>.</summary>
public sealed record CommandRunRequest(
    string File,
    IReadOnlyList<string> Args,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string>? Env = null,
    int? TimeoutSeconds = null,
    bool Shell = false);

public sealed record OutputChunk(string Stream, string Text);

public sealed record OutputBatch(IReadOnlyList<OutputChunk> Chunks);

public sealed record CommandResult(int ExitCode, bool TimedOut, double DurationSeconds);
