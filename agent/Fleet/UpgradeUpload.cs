using System.Security.Cryptography;

namespace Monitor.Agent.Fleet;

/// <summary>One new agent build arriving in chunks: written to &lt;binary&gt;.upload (same directory, so the final
/// rename is atomic) and hashed as it comes.</summary>
internal sealed class UpgradeUpload : IDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public UpgradeUpload(string id, string binary, long size, string sha256)
    {
        Id = id; Binary = binary; Size = size; Sha256 = sha256;
        Path = UpgradeBinary.UploadPath(binary);
        _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None);
        Touched = DateTimeOffset.UtcNow;
    }

    public string Id { get; }
    public string Binary { get; }
    public string Path { get; }
    public long Size { get; }
    public string Sha256 { get; }
    public long Received { get; private set; }
    public DateTimeOffset Touched { get; private set; }

    public async Task AppendAsync(byte[] data, CancellationToken ct)
    {
        await _file.WriteAsync(data, ct).ConfigureAwait(false);
        _hash.AppendData(data);
        Received += data.Length;
        Touched = DateTimeOffset.UtcNow;
    }

    /// <summary>Flushes to disk and returns the SHA-256 (lower-case hex) of what arrived.</summary>
    public async Task<string> FinishAsync(CancellationToken ct)
    {
        await _file.FlushAsync(ct).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
    }
}
