using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Volumes;

/// <summary>Appends a UUID= line to fstab atomically: the whole new file is written beside it and renamed over it
/// (keeping its mode), so a crash leaves the old file or the new one, never half a line. Edits are serialized.</summary>
public sealed class FstabFile(string path)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<string> AppendAsync(string uuid, string mountPoint, string fsType, CancellationToken ct)
    {
        var line = $"UUID={uuid} {mountPoint} {fsType} defaults,nofail 0 2";
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var text = File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : "";
            var existing = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (existing.Any(f => f.Length >= 2 && f[0] == $"UUID={uuid}" && f[1] == mountPoint)) return line;
            if (existing.Any(f => f.Length >= 2 && f[1] == mountPoint))
                throw new AgentRequestException(ErrorCodes.Conflict, $"{path} already mounts something else at {mountPoint}; edit that line first");
            if (text.Length > 0 && !text.EndsWith('\n')) text += "\n";
            var temp = path + ".monitor-tmp";
            await File.WriteAllTextAsync(temp, text + line + "\n", ct).ConfigureAwait(false);
            if (File.Exists(path)) File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            File.Move(temp, path, overwrite: true);
            return line;
        }
        finally { Gate.Release(); }
    }
}
