using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>The agent build an upgrade sends: one executable file (the packaged single-file or NativeAOT
/// monitor-agent, or any ELF / #! file the operator names), read once, with its SHA-256.</summary>
public sealed record UpgradeFile(string Path, byte[] Bytes, string Sha256)
{
    /// <summary>Reads <paramref name="path"/>, or without it the newest packaged agent for this machine's
    /// architecture under a dist/ folder above the console or the current directory (what scripts/package.sh writes).</summary>
    public static UpgradeFile Load(string? path)
    {
        var file = path ?? FindPackaged() ?? throw new OperationFailedException(
            $"no --to FILE given and no packaged agent found (looked for dist/monitor-agent-*-linux-{Arch}/monitor-agent above {AppContext.BaseDirectory} and {Environment.CurrentDirectory}); " +
            $"run scripts/package.sh linux-{Arch} or pass --to PATH/TO/monitor-agent", ErrorCodes.InvalidArgument);
        if (Directory.Exists(file))
            file = System.IO.Path.Combine(file, "monitor-agent");
        if (!File.Exists(file))
            throw new OperationFailedException($"--to {file}: no such file; give the monitor-agent executable (e.g. dist/monitor-agent-VERSION-linux-{Arch}/monitor-agent)", ErrorCodes.InvalidArgument);
        var bytes = File.ReadAllBytes(file);
        if (!IsExecutable(bytes))
            throw new OperationFailedException(
                $"{file} is not an executable (neither ELF nor a #! script)" + (bytes is [0x1f, 0x8b, ..] ? "; it is a gzip archive: unpack it and give the monitor-agent file inside" : ""),
                ErrorCodes.InvalidArgument);
        return new UpgradeFile(System.IO.Path.GetFullPath(file), bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static string Arch => RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    private static bool IsExecutable(byte[] bytes) =>
        bytes is [0x7f, (byte)'E', (byte)'L', (byte)'F', ..] or [(byte)'#', (byte)'!', ..];

    private static string? FindPackaged()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var dist = new DirectoryInfo(System.IO.Path.Combine(dir.FullName, "dist"));
                if (!dist.Exists) continue;
                var newest = dist.EnumerateDirectories($"monitor-agent-*-linux-{Arch}")
                    .Select(d => new FileInfo(System.IO.Path.Combine(d.FullName, "monitor-agent")))
                    .Where(f => f.Exists)
                    .OrderByDescending(f => f.LastWriteTimeUtc)
                    .FirstOrDefault();
                if (newest is not null) return newest.FullName;
            }
        }
        return null;
    }
}
