namespace Monitor.Shared.Protocol;

/// <summary>One supervised app as the agent runs it. <paramref name="Command"/> is an argument list (never a shell
/// line); <paramref name="SecretEnv"/> holds values the console resolved from its own environment (never shown).
/// <paramref name="Restart"/>: always | on-failure | never. <paramref name="StopSignal"/>: TERM, INT, HUP, QUIT, USR1,
/// USR2 or KILL; after <paramref name="StopTimeoutSeconds"/> every process of the app is killed.</summary>
public sealed record AppSpec(
    string Name,
    IReadOnlyList<string> Command,
    string? Cwd = null,
    IReadOnlyDictionary<string, string>? Env = null,
    IReadOnlyDictionary<string, string>? SecretEnv = null,
    string? User = null,
    string Restart = "on-failure",
    long? MemoryBytes = null,
    double? Cpus = null,
    string StopSignal = "TERM",
    int StopTimeoutSeconds = 10,
    long LogMaxBytes = 10 * 1024 * 1024);

/// <summary>Names one app.</summary>
public sealed record AppRef(string Name);

public sealed record AppListRequest;

/// <summary>What an app is doing now. <paramref name="State"/>: running | backoff (waiting to restart) | stopped (by
/// an operator) | exited (ended and not restarted by its policy). <paramref name="LastExit"/> says how the last run
/// ended ("exit 1", "signal 9", "killed by the kernel: over its memory limit", ...).</summary>
public sealed record AppStatus(
    string Name,
    string State,
    bool DesiredRunning,
    int? Pid,
    DateTimeOffset? StartedAt,
    double? UptimeSeconds,
    int Restarts,
    double? CpuPercent,
    long? MemoryBytes,
    long? MemoryLimitBytes,
    string? LastExit,
    int OomKills,
    IReadOnlyList<string> Command);

public sealed record AppListResponse(IReadOnlyList<AppStatus> Apps);

/// <summary>Status plus the definition (secret env values replaced by their names).</summary>
public sealed record AppDetails(AppStatus Status, AppSpec Spec, string LogPath, string? Cgroup);

/// <summary>Creates or updates the given apps (an app whose definition changed is restarted if it runs); with
/// <paramref name="Prune"/>, apps on the agent that are not listed are stopped and removed.</summary>
public sealed record AppApplyRequest(IReadOnlyList<AppSpec> Apps, bool Prune = false);

/// <summary><paramref name="Change"/>: created | updated | unchanged | removed.</summary>
public sealed record AppChange(string Name, string Change);

public sealed record AppApplyResult(IReadOnlyList<AppChange> Changes);

/// <summary>Streams the app's captured stdout/stderr (current file and rotated ones for the tail).</summary>
public sealed record AppLogRequest(string Name, bool Follow = false, int? Tail = null);
