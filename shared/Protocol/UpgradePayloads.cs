namespace Monitor.Shared.Protocol;

/// <summary>upgrade.begin: the console is about to send a new agent build of <see cref="Size"/> bytes whose SHA-256
/// (lower-case hex) is <see cref="Sha256"/>.</summary>
public sealed record UpgradeBeginRequest(long Size, string Sha256);

/// <summary>The agent accepted the upload: send chunks of at most <see cref="ChunkBytes"/> bytes to <see cref="UploadId"/>.</summary>
public sealed record UpgradeBeginResult(string UploadId, int ChunkBytes, string CurrentVersion, string Binary);

/// <summary>upgrade.chunk: <see cref="Data"/> (base64) belongs at <see cref="Offset"/>; chunks go in order.</summary>
public sealed record UpgradeChunkRequest(string UploadId, long Offset, string Data);

public sealed record UpgradeChunkResult(long Received);

/// <summary>upgrade.commit: all bytes sent. The agent checks size and SHA-256, runs the new file with --version,
/// swaps it in (keeping &lt;binary&gt;.old) and, after answering, restarts into it; if the new agent does not answer
/// within <see cref="HealthTimeoutSeconds"/> the old binary is restored and the old process keeps serving.</summary>
public sealed record UpgradeCommitRequest(string UploadId, string Sha256, int HealthTimeoutSeconds);

public sealed record UpgradeCommitResult(string PreviousVersion, string NewVersion, string Binary);
