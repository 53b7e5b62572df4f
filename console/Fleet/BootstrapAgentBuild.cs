using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>The agent build a bootstrap installs: one executable (the packaged single file) or a whole directory
/// copied as a unit (a publish output, with whatever the build needs beside the executable). Which Linux
/// architecture it is for is read from the executable's ELF header, never from its name.</summary>
public sealed class BootstrapAgentBuild
{
    public const string ExecutableName = "monitor-agent";

    private BootstrapAgentBuild(string path, bool isDirectory, string executable, string rid, string sha256, long bytes)
    {
        Path = path; IsDirectory = isDirectory; Executable = executable; Rid = rid; Sha256 = sha256; Bytes = bytes;
    }

    public string Path { get; }
    public bool IsDirectory { get; }
    public string Executable { get; }
    /// <summary>linux-x64 or linux-arm64.</summary>
    public string Rid { get; }
    /// <summary>SHA-256 of the file, or of the directory's manifest (relative path and SHA-256 of every file).</summary>
    public string Sha256 { get; }
    public long Bytes { get; }

    /// <summary>The build to install on a <paramref name="rid"/> host: <paramref name="given"/> (--agent-file), else
    /// $MONITOR_AGENT_BUILD, else the newest dist/monitor-agent-*-RID/monitor-agent of scripts/package.sh, else the
    /// .state/publish/agent directory of scripts/setup.sh, looked for above this program.</summary>
    public static BootstrapAgentBuild Locate(string? given, string rid)
    {
        var path = given ?? Environment.GetEnvironmentVariable("MONITOR_AGENT_BUILD");
        if (string.IsNullOrWhiteSpace(path)) path = DefaultFor(rid);
        if (path is null)
            throw new OperationFailedException(
                $"no agent build for {rid} found: make one with `scripts/package.sh {rid}` (dist/monitor-agent-VERSION-{rid}/monitor-agent) " +
                "and pass it with --agent-file PATH (a single executable, or a directory copied as a unit)", ErrorCodes.InvalidArgument);
        var build = Open(path);
        if (build.Rid != rid)
            throw new OperationFailedException(
                $"the agent build {build.Executable} is for {build.Rid}, but the host is {rid}: make one with `scripts/package.sh {rid}` and pass --agent-file", ErrorCodes.HostNotReady);
        return build;
    }

    public static BootstrapAgentBuild Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        var isDirectory = Directory.Exists(path);
        var executable = isDirectory ? System.IO.Path.Combine(path, ExecutableName) : path;
        if (!File.Exists(executable))
            throw new OperationFailedException(isDirectory
                ? $"the agent build directory {path} has no {ExecutableName} executable in it"
                : $"the agent build {path} does not exist; make one with `scripts/package.sh` or pass --agent-file PATH", ErrorCodes.InvalidArgument);
        var rid = RidOf(executable) ?? throw new OperationFailedException(
            $"{executable} is not a Linux executable (no ELF header for x86-64 or aarch64); pass the monitor-agent built by `scripts/package.sh`", ErrorCodes.InvalidArgument);
        if (!isDirectory)
        {
            using var stream = File.OpenRead(path);
            return new BootstrapAgentBuild(path, false, executable, rid, Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
        }
        var manifest = new StringBuilder();
        long bytes = 0;
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            manifest.Append(System.IO.Path.GetRelativePath(path, file)).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append('\n');
            bytes += stream.Length;
        }
        return new BootstrapAgentBuild(path, true, executable, rid, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString()))), bytes);
    }

    /// <summary>A directory build as one gzipped tar in <paramref name="file"/> (to upload it in one piece).</summary>
    public async Task PackAsync(string file, CancellationToken ct)
    {
        await using var output = File.Create(file);
        await using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        await TarFile.CreateFromDirectoryAsync(Path, gzip, includeBaseDirectory: false, ct).ConfigureAwait(false);
    }

    /// <summary>linux-x64 / linux-arm64 from an ELF header's e_machine; null when the file is not such an ELF.</summary>
    public static string? RidOf(string file)
    {
        Span<byte> header = stackalloc byte[20];
        using (var stream = File.OpenRead(file))
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length) return null;
        if (header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F') return null;
        var machine = header[5] == 2 ? header[18] << 8 | header[19] : header[18] | header[19] << 8;
        return machine switch { 62 => "linux-x64", 183 => "linux-arm64", _ => null };
    }

    /// <summary>`uname -m` to a runtime identifier; null for an architecture no agent is built for.</summary>
    public static string? RidForMachine(string machine) => machine.Trim() switch
    {
        "x86_64" or "amd64" => "linux-x64",
        "aarch64" or "arm64" or "armv8l" => "linux-arm64",
        _ => null,
    };

    private static string? DefaultFor(string rid)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dist = new DirectoryInfo(System.IO.Path.Combine(dir.FullName, "dist"));
            if (dist.Exists)
            {
                var packaged = dist.EnumerateDirectories($"monitor-agent-*-{rid}")
                    .Select(d => new FileInfo(System.IO.Path.Combine(d.FullName, ExecutableName)))
                    .Where(f => f.Exists).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault();
                if (packaged is not null) return packaged.FullName;
            }
            var published = System.IO.Path.Combine(dir.FullName, ".state", "publish", "agent");
            if (File.Exists(System.IO.Path.Combine(published, ExecutableName))) return published;
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "publish", "agent", ExecutableName))) return System.IO.Path.Combine(dir.FullName, "publish", "agent");
        }
        return null;
    }
}
