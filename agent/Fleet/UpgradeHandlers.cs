using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Fleet;

/// <summary>upgrade.begin / upgrade.chunk / upgrade.commit: receives a new build over the console's connection,
/// checks its SHA-256, size and that it runs (--version), swaps it in atomically (rename over the binary, the
/// previous one kept as &lt;binary&gt;.old) and hands the restart to <see cref="UpgradeHandover"/>. One upload at a time.</summary>
public sealed class UpgradeHandlers
{
    /// <summary>Raw bytes per chunk: base64 makes a frame about 4/3 of it, well under the smallest sensible max_frame_bytes.</summary>
    public const int DefaultChunkBytes = 512 * 1024;
    private static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MinHealthTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private readonly int _chunkBytes;
    private UpgradeUpload? _upload;

    private UpgradeHandlers(AgentServices services)
    {
        _logger = services.Logging.CreateLogger("Monitor.Agent.Upgrade");
        // A chunk's frame (base64 + envelope) must stay under this agent's own frame limit.
        _chunkBytes = Math.Max(4096, Math.Min(DefaultChunkBytes, (services.Config.MaxFrameBytes - 4096) / 4 * 3));
    }

    public static void Register(HandlerRegistry registry, AgentServices services)
    {
        var handlers = new UpgradeHandlers(services);
        registry.Handle(AgentMethods.UpgradeBegin, handlers.BeginAsync);
        registry.Handle(AgentMethods.UpgradeChunk, handlers.ChunkAsync);
        registry.Handle(AgentMethods.UpgradeCommit, handlers.CommitAsync);
    }

    private async Task<UpgradeBeginResult> BeginAsync(UpgradeBeginRequest request, CancellationToken ct)
    {
        if (!UpgradeHandover.Enabled)
            throw new AgentRequestException(ErrorCodes.Conflict, "this agent runs inside another program (not as the monitor-agent executable); it cannot restart itself");
        if (request.Size <= 0 || request.Size > 1L << 30)
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"a new build of {request.Size} bytes is not plausible (1 byte to 1 GiB)");
        if (!IsSha256(request.Sha256))
            throw new AgentRequestException(ErrorCodes.InvalidArgument, "sha256 must be 64 lower-case hex digits");
        var binary = UpgradeBinary.Locate();
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_upload is { } running && DateTimeOffset.UtcNow - running.Touched < Abandoned)
                throw new AgentRequestException(ErrorCodes.Conflict, "another upgrade of this agent is being uploaded; wait for it to finish");
            Drop();
            try { _upload = new UpgradeUpload(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)), binary, request.Size, request.Sha256); }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new AgentRequestException(ErrorCodes.Conflict,
                    $"cannot write beside {binary}: {e.Message}; the agent's user needs write access to {Path.GetDirectoryName(binary)} to upgrade itself");
            }
            _logger.LogInformation("upgrade: receiving a new build of {Size} bytes (sha256 {Sha256})", request.Size, request.Sha256);
            return new UpgradeBeginResult(_upload.Id, _chunkBytes, AgentVersionInfo.Version, binary);
        }
        finally { _gate.Release(); }
    }

    private async Task<UpgradeChunkResult> ChunkAsync(UpgradeChunkRequest request, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var upload = Current(request.UploadId);
            if (request.Offset != upload.Received)
                throw new AgentRequestException(ErrorCodes.InvalidArgument, $"chunk at offset {request.Offset}, expected {upload.Received}; chunks go in order");
            byte[] data;
            try { data = Convert.FromBase64String(request.Data); }
            catch (FormatException) { throw new AgentRequestException(ErrorCodes.InvalidArgument, "chunk data is not base64"); }
            if (data.Length == 0 || data.Length > _chunkBytes || upload.Received + data.Length > upload.Size)
                throw new AgentRequestException(ErrorCodes.InvalidArgument, $"chunk of {data.Length} bytes does not fit (at most {_chunkBytes}, {upload.Size - upload.Received} left)");
            await upload.AppendAsync(data, ct).ConfigureAwait(false);
            return new UpgradeChunkResult(upload.Received);
        }
        finally { _gate.Release(); }
    }

    private async Task<UpgradeCommitResult> CommitAsync(UpgradeCommitRequest request, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var upload = Current(request.UploadId);
            _upload = null;
            using (upload)
            {
                var sha = await upload.FinishAsync(ct).ConfigureAwait(false);
                try
                {
                    if (upload.Received != upload.Size)
                        throw new AgentRequestException(ErrorCodes.InvalidArgument, $"received {upload.Received} of {upload.Size} bytes; nothing was changed");
                    if (!string.Equals(sha, request.Sha256, StringComparison.OrdinalIgnoreCase) || !string.Equals(sha, upload.Sha256, StringComparison.OrdinalIgnoreCase))
                        throw new AgentRequestException(ErrorCodes.InvalidArgument,
                            $"SHA-256 mismatch: the bytes received hash to {sha}, the console announced {request.Sha256}; nothing was changed");
                    var binary = upload.Binary;
                    var newPath = UpgradeBinary.NewPath(binary);
                    File.Move(upload.Path, newPath, overwrite: true);
                    var version = await UpgradeBinary.CheckAsync(newPath, File.GetUnixFileMode(binary), ct).ConfigureAwait(false);
                    // The running file stays valid for this process (it holds the inode); rename(2) over it is atomic.
                    File.Copy(binary, UpgradeBinary.OldPath(binary), overwrite: true);
                    File.Move(newPath, binary, overwrite: true);
                    var timeout = TimeSpan.FromSeconds(Math.Max(MinHealthTimeout.TotalSeconds, request.HealthTimeoutSeconds));
                    _logger.LogInformation("upgrade: {Binary} is now {New} (was {Old}, kept as {Backup}); restarting", binary, version, AgentVersionInfo.Version, UpgradeBinary.OldPath(binary));
                    UpgradeHandover.Request(new UpgradeRestartPlan(binary, UpgradeBinary.OldPath(binary), version, timeout));
                    return new UpgradeCommitResult(AgentVersionInfo.Version, version, binary);
                }
                catch
                {
                    TryDelete(upload.Path);
                    TryDelete(UpgradeBinary.NewPath(upload.Binary));
                    throw;
                }
            }
        }
        finally { _gate.Release(); }
    }

    private UpgradeUpload Current(string id) =>
        _upload is { } upload && upload.Id == id ? upload
            : throw new AgentRequestException(ErrorCodes.NotFound, $"no upload '{id}' in progress (it was finished, replaced or never begun); start again with upgrade.begin");

    private void Drop()
    {
        if (_upload is null) return;
        _upload.Dispose();
        TryDelete(_upload.Path);
        _upload = null;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);
}
