namespace Monitor.Shared.Protocol;

/// <summary>Lists app log files in the agent's configured directories, on the host or (with <paramref name="Container"/>)
/// inside that container's filesystem.</summary>
public sealed record LogFileListRequest(string? Container = null);

/// <summary>One discovered file: its header (null fields when it has none yet), whether the writer process still
/// runs (PID alive and started when the header says), size and last write.</summary>
public sealed record LogFileInfo(string Path, string Name, string? Program, int? Pid, string? User, string? Start, int? Version,
    bool WriterAlive, long Size, DateTimeOffset Modified, string? Container = null);

public sealed record LogFileListResponse(IReadOnlyList<LogFileInfo> Files);

/// <summary>Streams the entries of one log file. <paramref name="Level"/> is the least level shown (e.g. "warn");
/// <paramref name="Since"/> drops entries at or before that timestamp; <paramref name="Cursor"/> (from an entry) resumes
/// right after that entry, also across rotation (the rotated file is finished first) and agent restarts.</summary>
public sealed record LogFileReadRequest(string Path, string? Container = null, bool Follow = false, int? Tail = null,
    string? Since = null, string? Level = null, string? Cursor = null);

/// <summary>One entry; <paramref name="Cursor"/> ("inode:offset") resumes after it.</summary>
public sealed record LogFileEntry(string Timestamp, string Level, string Message, string Cursor);

public sealed record LogFileBatch(IReadOnlyList<LogFileEntry> Entries);
